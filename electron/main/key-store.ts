import fs from 'node:fs';
import type { SafeStorage } from 'electron';
import { fileKeyStore, type KeyStore } from '../core/db/key';

/**
 * The desktop keeps the database key encrypted by the operating system (DPAPI on
 * Windows, Keychain on macOS, the secret service on Linux), as Signal Desktop does.
 * Where the OS offers no such store, it falls back to an owner-only key file.
 */
export function safeStorageKeyStore(safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>, file: string): KeyStore {
  if (!safeStorage.isEncryptionAvailable()) return fileKeyStore(`${file}.plain`);
  return {
    where: file,
    read: () => (fs.existsSync(file) ? Buffer.from(safeStorage.decryptString(fs.readFileSync(file)), 'hex') : null),
    write: (key) => {
      const tmp = `${file}.tmp`;
      fs.writeFileSync(tmp, safeStorage.encryptString(key.toString('hex')), { mode: 0o600 });
      fs.renameSync(tmp, file);
    },
  };
}
