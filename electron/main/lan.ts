import path from 'node:path';
import type { SafeStorage } from 'electron';
import { withLanControl } from '../server/lan/control';
import { LanSharing, type ServedCore } from '../server/lan/sharing';
import { safeStorageKeyStore } from './key-store';

type WindowCore = ServedCore & Parameters<typeof withLanControl>[0];

/**
 * 设置 → 局域网共享 in the desktop app: the LAN server runs in this (main) process beside
 * the window, serving the same built pages. The key that seals the CA's private key is
 * kept by the OS like the database key. Returns the core the window's IPC should use.
 */
export function desktopLanSharing<C extends WindowCore>(
  core: C,
  dataDir: string,
  safeStorage: Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>,
  rendererDir: string,
): { sharing: LanSharing; windowCore: C } {
  const sharing = new LanSharing(core, {
    dir: path.join(dataDir, 'lan'),
    caKeys: safeStorageKeyStore(safeStorage, path.join(dataDir, 'lan-ca-key.bin')),
    staticDir: () => rendererDir,
  });
  return { sharing, windowCore: withLanControl(core, sharing) };
}
