import { z } from 'zod';
import { method } from './contract';
import { Id } from './common';
import { Me } from './auth';

/**
 * 设置 → 局域网共享: the desktop app serving the office's data to other PCs and phones on
 * the LAN. The core checks the permission, validates, logs and keeps pairing codes; the
 * server itself is run by the process hosting the core (the desktop's main process, see
 * electron/server/lan/control.ts), which answers lan.status and carries out lan.update.
 * Only the desktop window may change sharing: other callers are refused by the core.
 */

export const LanConfig = z.object({
  enabled: z.boolean(),
  port: z.number({ error: '请填写端口' }).int('端口应为整数').min(1024, '端口应在 1024–65535 之间').max(65535, '端口应在 1024–65535 之间'),
  /** A network interface's name, or 'all' for every interface. */
  iface: z.string().trim().min(1, '请选择网卡').max(100),
  /** false only when the administrator chose plain HTTP (passwords then cross the network in clear). */
  https: z.boolean(),
});

/** Off, on port 5780, on every interface, over HTTPS: what a new installation starts with. */
export const DEFAULT_LAN_CONFIG: z.output<typeof LanConfig> = { enabled: false, port: 5780, iface: 'all', https: true };

export const LanStatus = z.object({
  /** false where sharing is not run by the app (serve mode takes its command-line options). */
  available: z.boolean(),
  config: LanConfig,
  interfaces: z.array(z.object({ name: z.string(), address: z.string() })),
  running: z.boolean(),
  /** Why the server is not running although enabled (port in use, interface gone), in Chinese. */
  error: z.string().nullable(),
  /** Addresses to open on other PCs and phones, first the preferred one. */
  urls: z.array(z.string()),
  /** Devices seen in the last few minutes or with a connection open. */
  clients: z.array(z.object({ address: z.string(), connections: z.number().int(), lastSeen: z.string() })),
  /** The office's own certificate authority, for installing on phones and PCs. */
  ca: z
    .object({
      pem: z.string(),
      /** SHA-256 of the certificate, as colon-separated hex, for checking by eye. */
      fingerprint: z.string(),
      /** Plain-HTTP address that serves only the certificate (a phone cannot trust HTTPS before installing it). */
      downloadUrl: z.string().nullable(),
    })
    .nullable(),
});

export const PairingCode = z.object({
  code: z.string(),
  /**
   * The address to open, with the code in its fragment (never sent in a request line):
   * added by the process running the server, which alone knows its address.
   */
  url: z.string().nullable(),
  expiresAt: z.string(),
  username: z.string(),
});

export const lan = {
  /** Sharing settings and what the server is doing now. Administrator (system:settings). */
  'lan.status': method({ scope: 'office', summary: '局域网共享状态', perm: 'system:settings', write: false, input: z.object({}), output: LanStatus }),
  /** Switches sharing on or off (or changes port, interface, HTTPS) and remembers it. Administrator. */
  'lan.update': method({ scope: 'office', summary: '修改局域网共享设置', perm: 'system:settings', write: 'self', input: LanConfig, output: LanStatus }),
  /** A one-time sign-in for a phone or PC as the chosen user, valid 10 minutes. Administrator. */
  'lan.pairingCreate': method({
    scope: 'office',
    summary: '生成扫码配对码（10 分钟内有效，只能使用一次）',
    perm: 'system:settings',
    write: 'tx',
    input: z.object({ userId: Id }),
    output: PairingCode,
  }),
  /** Signs in with a pairing code from the QR code; the code is then spent. Public. */
  'auth.pair': method({
    audit: 'auth',
    scope: 'office',
    summary: '扫码配对登录',
    perm: 'public',
    write: 'tx',
    input: z.object({ code: z.string().trim().min(1, '缺少配对码').max(100) }),
    output: Me,
  }),
};

export type LanConfigData = z.output<typeof LanConfig>;
export type LanStatusData = z.output<typeof LanStatus>;
