import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { webcrypto } from 'node:crypto';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
import type { KeyStore } from '../../core/db/key';

/**
 * The office's own certificate authority. Phones and PCs install its certificate once;
 * from then on the server's certificate — re-issued whenever the PC's address changes —
 * is trusted without warnings, and HTTPS makes the camera API available on phones.
 * Certificates are built with @peculiar/x509 (WebCrypto, ECDSA P-256), never by hand.
 */

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
/** iOS refuses server certificates valid for more than 825 days; browsers cap public ones at 398. */
const SERVER_DAYS = 397;
const CA_YEARS = 10;

export interface LocalCa {
  cert: x509.X509Certificate;
  pem: string;
  privateKey: CryptoKey;
  /** SHA-256 of the certificate, colon-separated upper-case hex (as Windows and iOS show it). */
  fingerprint: string;
}

export interface ServerCert {
  certPem: string;
  keyPem: string;
  /** The names and addresses it is valid for. */
  names: string[];
}

const b64 = (b: ArrayBuffer | Buffer) => Buffer.from(b as ArrayBuffer).toString('base64');
const serial = () => {
  const bytes = crypto.randomBytes(16);
  bytes[0]! &= 0x7f; // a positive serial number
  return bytes.toString('hex');
};

export async function fingerprintOf(cert: x509.X509Certificate): Promise<string> {
  const hex = Buffer.from(await cert.getThumbprint('SHA-256'))
    .toString('hex')
    .toUpperCase();
  return hex.match(/../g)!.join(':');
}

/** base64 SHA-256 of a certificate's SubjectPublicKeyInfo (what Chromium's --ignore-certificate-errors-spki-list and HPKP pin). */
export function spkiHash(pem: string): string {
  const key = new crypto.X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(key).digest('base64');
}

/** AES-256-GCM under a 256-bit key kept like the database key (safeStorage on the desktop, a 0600 file in serve mode). */
function seal(plain: Buffer, key: Buffer): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain), c.final()]);
  return JSON.stringify({ v: 1, iv: b64(iv), tag: b64(c.getAuthTag()), data: b64(data) });
}

function open(text: string, key: Buffer): Buffer {
  const { iv, tag, data } = JSON.parse(text) as { iv: string; tag: string; data: string };
  const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]);
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

async function createCa(now: Date): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const keys = (await crypto.webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=街道防控指挥台 本机证书颁发机构 (${os.hostname()}), O=街道防控指挥台`,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + CA_YEARS * 365 * DAY),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys };
}

/**
 * The CA of this data folder, made on first use: its certificate in `ca.crt`, its private
 * key encrypted in `ca-key.enc` under a key from `wrapKeys`. If that key is lost the
 * private key cannot be read, so a new CA is made (devices must install it again).
 */
export async function loadOrCreateCa(dir: string, wrapKeys: KeyStore, now = new Date()): Promise<LocalCa> {
  const certFile = path.join(dir, 'ca.crt');
  const keyFile = path.join(dir, 'ca-key.enc');
  const wrap = wrapKeys.read();
  if (wrap && fs.existsSync(certFile) && fs.existsSync(keyFile)) {
    try {
      const pkcs8 = open(fs.readFileSync(keyFile, 'utf8'), wrap);
      const privateKey = await crypto.webcrypto.subtle.importKey('pkcs8', pkcs8, ALG, false, ['sign']);
      const pem = fs.readFileSync(certFile, 'utf8');
      const cert = new x509.X509Certificate(pem);
      if (cert.notAfter.getTime() > now.getTime() + 30 * DAY) return { cert, pem, privateKey, fingerprint: await fingerprintOf(cert) };
    } catch (e) {
      console.error(`[lan] the certificate authority could not be read, making a new one: ${(e as Error).message}`);
    }
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = wrap ?? crypto.randomBytes(32);
  if (!wrap) wrapKeys.write(key);
  const { cert, keys } = await createCa(now);
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  writeAtomic(keyFile, seal(pkcs8, key));
  const pem = cert.toString('pem');
  writeAtomic(certFile, `${pem}\n`);
  return { cert, pem, privateKey: keys.privateKey, fingerprint: await fingerprintOf(cert) };
}

const isIp = (s: string) => /^[\d.]+$/.test(s) || s.includes(':');

/** A server certificate for these names and addresses, signed by the CA; its key lives only in memory. */
export async function issueServerCert(ca: LocalCa, names: string[], now = new Date()): Promise<ServerCert> {
  const keys = (await crypto.webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const unique = [...new Set(names.map((n) => n.toLowerCase()))];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${unique[0] ?? 'localhost'}`,
    issuer: ca.cert.subject,
    notBefore: new Date(now.getTime() - DAY),
    notAfter: new Date(now.getTime() + SERVER_DAYS * DAY),
    signingKey: ca.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(unique.map((n) => (isIp(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n }))),
      await x509.AuthorityKeyIdentifierExtension.create(ca.cert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { certPem: `${cert.toString('pem')}\n${ca.pem}\n`, keyPem, names: unique };
}
