import http from 'node:http';
import { SECURITY_HEADERS } from '../http';
import { hostnameOf } from '../host-check';
import { CA_INSTRUCTIONS } from '../../../shared/domain/ca-instructions';

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Plain HTTP beside the HTTPS port, for what a phone needs before it trusts the office's
 * CA: the certificate itself (public; its fingerprint is shown on the desktop to check)
 * and a page saying how to install it. Everything else is sent to the HTTPS address.
 */
export function serveCaCertificate(pem: string, httpsPort: number, fingerprint: string): http.Server {
  const page = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>安装办公室证书</title><body style="font:16px/1.6 sans-serif;max-width:40em;margin:1em auto;padding:0 1em">
<h1 style="font-size:1.3em">安装街道防控指挥台的证书</h1>
<p><a href="/ca.crt" style="display:inline-block;padding:.6em 1.2em;background:#1677ff;color:#fff;border-radius:6px;text-decoration:none">下载证书</a></p>
<p>证书指纹（SHA-256），请与办公室电脑上显示的核对：<br><code style="word-break:break-all">${escape(fingerprint)}</code></p>
${CA_INSTRUCTIONS.map((i) => `<h2 style="font-size:1.1em">${escape(i.platform)}</h2><ol>${i.steps.map((s) => `<li>${escape(s)}</li>`).join('')}</ol>`).join('\n')}
</body></html>`;
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/ca.crt') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'application/x-x509-ca-cert',
        'Content-Disposition': 'attachment; filename="street-command-ca.crt"',
        'Cache-Control': 'no-store',
      });
      res.end(pem);
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(page);
      return;
    }
    const host = hostnameOf(req.headers.host);
    if (!host) {
      res.writeHead(400).end();
      return;
    }
    res.writeHead(302, { Location: `https://${host.includes(':') ? `[${host}]` : host}:${httpsPort}/` }).end();
  });
}
