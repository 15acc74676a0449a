import fs from 'node:fs';
import path from 'node:path';
import { freeBytes } from './startup-error';

export const RESERVE_FILE = 'space-reserve.bin';
/** Room kept back for sign-in, sessions and the audit log when the disk fills up. */
export const RESERVE_BYTES = 4 * 1024 * 1024;

/**
 * A full disk must not lock everyone out: sessions and the audit log are rows, so even
 * signing in writes. The data folder keeps a small reserve file; when a write fails for
 * lack of space it is deleted, which gives sign-in its room back, and until the disk has
 * space again only signing in and out may write.
 */
export class SpaceGuard {
  private low = false;
  private readonly file: string;
  constructor(
    private readonly dataDir: string,
    private readonly reserve = RESERVE_BYTES,
  ) {
    this.file = path.join(dataDir, RESERVE_FILE);
    this.refill();
  }

  /** Writes the reserve back when there is clearly room for it (three times its size free). */
  private refill(): void {
    if (fs.existsSync(this.file) && fs.statSync(this.file).size === this.reserve) return;
    const free = freeBytes(this.dataDir);
    if (free === null || free < this.reserve * 3) return;
    try {
      fs.writeFileSync(this.file, Buffer.alloc(this.reserve));
    } catch {
      fs.rmSync(this.file, { force: true });
    }
  }

  /** A write failed for lack of space: free the reserve and refuse other writes until space is back. */
  full(): void {
    this.low = true;
    fs.rmSync(this.file, { force: true });
  }

  /** True while the disk is still short; checks the free space again each time. */
  isLow(): boolean {
    if (!this.low) return false;
    const free = freeBytes(this.dataDir);
    if (free !== null && free >= this.reserve * 3) {
      this.refill();
      this.low = false;
    }
    return this.low;
  }
}
