/**
 * The Content-Security-Policy both transports send. Images may also come from the one
 * online basemap the administrator configured; nothing else leaves the machine.
 */
export function buildCsp(imgOrigins: string[] = []): string {
  const img = ["'self'", 'data:', 'blob:', ...imgOrigins].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    // antd injects its CSS-in-JS as <style> elements.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${img}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    // The app has no frames; an injected one gets nothing to show. (No directive stops a
    // <meta http-equiv=refresh> since navigate-to was dropped: names are inserted as text.)
    "frame-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The origin of an XYZ template such as https://t{s}.example.cn/tiles/{z}/{x}/{y}.png, subdomain placeholders expanded. */
export function tileOrigins(template: string | null): string[] {
  if (!template) return [];
  try {
    const sample = template.replace(/\{s\}/g, 'a').replace(/\{[a-z]+\}/gi, '0');
    const u = new URL(sample);
    if (!/^https?:$/.test(u.protocol)) return [];
    // {s} subdomains (a, b, c …) share the registrable part; allow the wildcard form.
    return template.includes('{s}') ? [`${u.protocol}//*.${u.host.split('.').slice(1).join('.')}`] : [u.origin];
  } catch {
    return [];
  }
}
