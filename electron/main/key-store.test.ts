import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { safeStorageKeyStore } from './key-store';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-keystore-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A stand-in for Electron's safeStorage: reversible, but never the plain text. */
const fakeSafeStorage = (available: boolean) => ({
  isEncryptionAvailable: () => available,
  encryptString: (s: string) => Buffer.from([...Buffer.from(s)].map((b) => b ^ 0x5a)),
  decryptString: (b: Buffer) => Buffer.from([...b].map((x) => x ^ 0x5a)).toString(),
});

describe('desktop key store', () => {
  it('keeps the key only in OS-encrypted form', () => {
    const file = path.join(dir, 'db.key');
    const store = safeStorageKeyStore(fakeSafeStorage(true), file);
    const key = Buffer.alloc(32, 7);
    store.write(key);
    expect(store.read()!.equals(key)).toBe(true);
    expect(fs.readFileSync(file).toString()).not.toContain(key.toString('hex'));
  });

  it('falls back to an owner-only key file when the OS has no secret store', () => {
    const file = path.join(dir, 'other.key');
    const store = safeStorageKeyStore(fakeSafeStorage(false), file);
    store.write(Buffer.alloc(32, 9));
    expect(store.where).toBe(`${file}.plain`);
    expect(fs.statSync(`${file}.plain`).mode & 0o777).toBe(0o600);
  });
});
