import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from './temp-core';

/**
 * A small RAM disk of its own for a test (tests run as root here): a real full disk or a
 * real read-only folder, which chmod cannot give root. Unmounted when the test ends.
 */
export interface SmallDisk {
  dir: string;
  /** Fills the disk to the last byte (ENOSPC); returns the filler's path. */
  fill(): string;
  readOnly(): void;
  unmount(): void;
}

export function mountSmallDisk(megabytes: number): SmallDisk {
  const dir = makeTempDir('sc-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir]);
  return {
    dir,
    fill: () => {
      const filler = path.join(dir, 'filler.bin');
      const fd = fs.openSync(filler, 'w');
      try {
        for (const chunk of [1024 * 1024, 4096, 512]) {
          const buf = Buffer.alloc(chunk, 1);
          for (;;) {
            try {
              fs.writeSync(fd, buf);
            } catch (e) {
              if ((e as NodeJS.ErrnoException).code === 'ENOSPC') break;
              throw e;
            }
          }
        }
      } finally {
        fs.closeSync(fd);
      }
      return filler;
    },
    readOnly: () => void execFileSync('mount', ['-o', 'remount,ro', dir]),
    unmount: () => {
      try {
        execFileSync('umount', [dir]);
      } catch {
        execFileSync('umount', ['-l', dir]);
      }
    },
  };
}
