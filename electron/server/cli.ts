import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api/errors';
import { inRecovery } from '../core/registry/recovery-flag';
import { createWorkerCore } from '../core/worker/worker-core';
import { fileKeyStore } from '../core/db/key';
import { ensureRenderer } from './ensure-renderer';
import { createHttpServer } from './http';

/**
 * `npm run serve`: the same app in a browser, for office PCs without the desktop build
 * and for colleagues on the office LAN (--lan).
 */
const HELP = `用法: npm run serve -- [--port 5780] [--data 目录] [--lan] [--empty]
  --port   端口（默认 5780）
  --data   数据目录（默认 ${defaultDataDir()}）
  --lan    在所有网卡上监听，供办公室局域网内其他电脑访问
  --empty  新建数据库时不生成演示数据
  --light-demo  演示数据（含“重置为演示数据”）不含居民、重点人员和卡点登记（更快，供测试使用）
  --key-file  数据库密钥文件（默认在用户配置目录）
  --tls-cert/--tls-key  启用 HTTPS（局域网模式下强烈建议）
  --host-name  其他电脑用来访问本机的名称（如 zhihui.office.lan，可多次给出）；本机地址和计算机名无需填写`;

function defaultDataDir(): string {
  const base = process.env.APPDATA ?? process.env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share');
  return path.join(base, 'street-command');
}

/** The key lives in the user's config folder, not beside the data, so a copied data folder alone is unreadable. */
function defaultKeyFile(dataDir: string): string {
  const base = process.env.APPDATA ?? process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
  const id = crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 16);
  return path.join(base, 'street-command', 'keys', `${id}.key`);
}

function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '5780' },
      data: { type: 'string' },
      lan: { type: 'boolean', default: false },
      empty: { type: 'boolean', default: false },
      'light-demo': { type: 'boolean', default: false },
      'key-file': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'host-name': { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`端口无效：${values.port}`);
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  const keyFile = path.resolve(values['key-file'] ?? defaultKeyFile(dataDir));
  // The data folder first: a folder already in use (or unreadable) is refused before any build.
  // The core runs in a worker thread: an import or a backup never stops this thread from answering other PCs.
  const core = await createWorkerCore({
    dataDir,
    demoOnCreate: !values.empty,
    demoResidents: !values['light-demo'],
    resetWithResidents: !values['light-demo'],
    transport: 'http',
    keyStore: fileKeyStore(keyFile),
    adminPassword: process.env.STREET_COMMAND_ADMIN_PASSWORD,
  });
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const staticDir = await ensureRenderer(repoRoot);
  const tlsCert = values['tls-cert'];
  const tlsKey = values['tls-key'];
  if (!!tlsCert !== !!tlsKey) throw new Error('--tls-cert 与 --tls-key 必须同时提供');
  const server = createHttpServer(core, staticDir, tlsCert && tlsKey ? { cert: tlsCert, key: tlsKey } : undefined, values['host-name']);
  const scheme = tlsCert ? 'https' : 'http';
  const host = values.lan ? '0.0.0.0' : '127.0.0.1';
  server.listen(port, host, () => {
    console.log(`数据目录：${dataDir}`);
    console.log(`数据库密钥：${keyFile}（请与数据分开备份；丢失密钥将无法读取数据）`);
    console.log(`街道防控指挥台已启动：${scheme}://127.0.0.1:${port}`);
    if (inRecovery(core))
      console.warn(
        `数据库无法正常打开，已进入恢复页面：请在本机浏览器打开 ${scheme}://127.0.0.1:${port} 从备份恢复（局域网内的其他电脑只能看到提示，不能操作）。`,
      );
    if (values.lan) for (const a of lanAddresses()) console.log(`局域网访问：${scheme}://${a}:${port}`);
    if (values.lan && !tlsCert) {
      console.warn('警告：局域网模式未启用 HTTPS，登录密码将以明文在网络上传输。请使用 --tls-cert 和 --tls-key 提供证书。');
    }
  });
  const stop = () => {
    server.close();
    server.closeAllConnections();
    void core.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  const message = e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e);
  console.error(`启动失败：${message}`);
  process.exit(1);
});
