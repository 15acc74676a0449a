import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import path from 'node:path';
import { DEFAULT_LAN_CONFIG, type LanConfigData, type LanStatusData } from '../../../shared/api/lan';
import type { KeyStore } from '../../core/db/key';
import { createHttpHandler } from '../http';
import { certificateNames, type Interfaces, lanInterfaces } from './addresses';
import { issueServerCert, loadOrCreateCa, type LocalCa } from './ca';
import { serveCaCertificate } from './ca-download';

export type ServedCore = Parameters<typeof createHttpHandler>[0];

export interface LanSharingOptions {
  /** Where the settings, the CA certificate and its encrypted key are kept (`<data folder>/lan`). */
  dir: string;
  /** Keeps the key that encrypts the CA's private key, as the database key is kept. */
  caKeys: KeyStore;
  /** The built renderer (the same pages the desktop window shows). */
  staticDir: () => string | Promise<string>;
  /** Extra names other PCs use for this one (the Host check and the certificate accept them). */
  hostNames?: string[];
  interfaces?: Interfaces;
  /** How often the PC's addresses are compared with the certificate's (default 10 s). */
  watchMs?: number;
}

/** A device counts as connected while it has a connection open or made a request this recently. */
const SEEN_MS = 5 * 60_000;

interface Running {
  server: http.Server;
  caServer: http.Server | null;
  host: string;
  addresses: string[];
  certNames: string[];
}

/**
 * The LAN server run inside the desktop app (设置 → 局域网共享): started on the chosen port
 * and interface, over HTTPS with a certificate from the office's own CA, re-issued when
 * the PC's addresses change; the choice is remembered and restored at the next start.
 * Needs only the core's transport interface, so serve mode could run it as well.
 */
export class LanSharing {
  private running: Running | null = null;
  private ca: LocalCa | null = null;
  private error: string | null = null;
  private sockets = new Map<net.Socket, string>();
  private seen = new Map<string, number>();
  private watch: NodeJS.Timeout | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly core: ServedCore,
    private readonly opts: LanSharingOptions,
  ) {}

  private get configFile() {
    return path.join(this.opts.dir, 'config.json');
  }

  config(): LanConfigData {
    try {
      return { ...DEFAULT_LAN_CONFIG, ...(JSON.parse(fs.readFileSync(this.configFile, 'utf8')) as Partial<LanConfigData>) };
    } catch {
      return DEFAULT_LAN_CONFIG;
    }
  }

  /** At app start: shares again if it was on when the app last ran. */
  restore(): Promise<LanStatusData> {
    return this.serialize(async () => {
      if (this.config().enabled) await this.start(this.config());
      return this.status();
    });
  }

  /** Remembers the settings, then stops and (when enabled) starts the server with them. Never throws: a failure is in status().error. */
  apply(config: LanConfigData): Promise<LanStatusData> {
    return this.serialize(async () => {
      fs.mkdirSync(this.opts.dir, { recursive: true, mode: 0o700 });
      const tmp = `${this.configFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(config, null, 2));
      fs.renameSync(tmp, this.configFile);
      await this.stop();
      if (config.enabled) await this.start(config);
      return this.status();
    });
  }

  close(): Promise<void> {
    return this.serialize(() => this.stop());
  }

  status(): LanStatusData {
    const config = this.config();
    const interfaces = lanInterfaces(this.opts.interfaces);
    const r = this.running;
    const scheme = config.https ? 'https' : 'http';
    const urls = r ? r.addresses.map((a) => `${scheme}://${a}:${config.port}`) : [];
    const now = Date.now();
    const open = new Map<string, number>();
    for (const address of this.sockets.values()) open.set(address, (open.get(address) ?? 0) + 1);
    const addresses = new Set([...open.keys(), ...[...this.seen].filter(([, t]) => now - t < SEEN_MS).map(([a]) => a)]);
    const clients = [...addresses].sort().map((address) => ({
      address,
      connections: open.get(address) ?? 0,
      lastSeen: new Date(this.seen.get(address) ?? now).toISOString(),
    }));
    const ca =
      r && config.https && this.ca
        ? { pem: this.ca.pem, fingerprint: this.ca.fingerprint, downloadUrl: r.caServer ? `http://${r.addresses[0]}:${config.port + 1}/` : null }
        : null;
    return { available: true, config, interfaces, running: !!r, error: this.error, urls, clients, ca };
  }

  /** One change at a time: a second click while the server starts waits for the first. */
  private serialize<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => {});
    return next;
  }

  private where(config: LanConfigData): { host: string; addresses: string[] } | string {
    const all = lanInterfaces(this.opts.interfaces);
    if (config.iface === 'all') return { host: '0.0.0.0', addresses: all.length ? all.map((i) => i.address) : ['127.0.0.1'] };
    const chosen = all.filter((i) => i.name === config.iface);
    if (!chosen.length) return `所选网卡“${config.iface}”当前没有 IPv4 地址（网线是否插好、无线是否连接？）`;
    return { host: chosen[0]!.address, addresses: [chosen[0]!.address] };
  }

  private async start(config: LanConfigData): Promise<void> {
    this.error = null;
    const where = this.where(config);
    if (typeof where === 'string') {
      this.error = where;
      return;
    }
    try {
      const handle = createHttpHandler(this.core, await this.opts.staticDir(), config.https, this.opts.hostNames ?? []);
      const listener: http.RequestListener = (req, res) => {
        this.seen.set(req.socket.remoteAddress ?? 'unknown', Date.now());
        handle(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      };
      const certNames = certificateNames(where.addresses, this.opts.hostNames);
      let server: http.Server;
      if (config.https) {
        this.ca = await loadOrCreateCa(this.opts.dir, this.opts.caKeys);
        const cert = await issueServerCert(this.ca, certNames);
        server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, listener);
      } else server = http.createServer(listener);
      server.on('connection', (socket: net.Socket) => {
        this.sockets.set(socket, socket.remoteAddress ?? 'unknown');
        socket.once('close', () => this.sockets.delete(socket));
      });
      await listen(server, config.port, where.host);
      // The certificate goes over plain HTTP on the next port: a phone cannot open HTTPS before it trusts the CA.
      const caServer = config.https
        ? await listen(serveCaCertificate(this.ca!.pem, config.port, this.ca!.fingerprint), config.port + 1, where.host).catch(() => null)
        : null;
      this.running = { server, caServer, ...where, certNames };
      this.watch = setInterval(() => void this.serialize(() => this.followAddresses(config)), this.opts.watchMs ?? 10_000);
      this.watch.unref();
    } catch (e) {
      const code = (e as { code?: string }).code;
      this.error =
        code === 'EADDRINUSE'
          ? `端口 ${config.port} 已被其他程序占用，请换一个端口。`
          : code === 'EACCES'
            ? `没有权限使用端口 ${config.port}，请换一个端口。`
            : `局域网服务未能启动：${(e as Error).message}`;
    }
  }

  /** DHCP or a new cable: a new address gets a certificate naming it (and a new listening address when one interface was chosen). */
  private async followAddresses(config: LanConfigData): Promise<void> {
    const r = this.running;
    if (!r) return;
    const where = this.where(config);
    if (typeof where === 'string' || where.addresses.join() === r.addresses.join()) return;
    if (where.host !== r.host) {
      await this.stop();
      await this.start(config);
      return;
    }
    r.addresses = where.addresses;
    if (config.https && this.ca && r.server instanceof https.Server) {
      r.certNames = certificateNames(where.addresses, this.opts.hostNames);
      const cert = await issueServerCert(this.ca, r.certNames);
      r.server.setSecureContext({ cert: cert.certPem, key: cert.keyPem });
    }
  }

  private async stop(): Promise<void> {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
    const r = this.running;
    this.running = null;
    this.error = null;
    if (!r) return;
    for (const s of [r.server, r.caServer]) {
      if (!s) continue;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
    this.sockets.clear();
  }
}

function listen<S extends http.Server>(server: S, port: number, host: string): Promise<S> {
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => reject(e);
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve(server);
    });
  });
}
