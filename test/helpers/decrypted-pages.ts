import crypto from 'node:crypto';
import fs from 'node:fs';

/** SQLCipher 4 as the office's files use it (db/key.ts): 4 KiB pages, 16-byte IV + 64-byte HMAC reserved at each page's end. */
const PAGE = 4096;
const RESERVE = 80;

/**
 * Every page of an encrypted database file decrypted as it lies on disk, free pages and the
 * free space inside pages included: what someone holding the key (a copied key file) could
 * read from the file with a hex editor. Rekeying a copy to plaintext would not show this:
 * the reserve changes, so SQLite rebuilds every page and drops what was deleted.
 */
export function decryptedPages(file: string, key: Buffer): Buffer {
  const bytes = fs.readFileSync(file);
  const pages: Buffer[] = [];
  for (let at = 0; at + PAGE <= bytes.length; at += PAGE) {
    // Page 1 begins with the file's 16-byte salt, outside the encryption.
    const from = at === 0 ? at + 16 : at;
    const iv = bytes.subarray(at + PAGE - RESERVE, at + PAGE - RESERVE + 16);
    const decipher = crypto.createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
    pages.push(decipher.update(bytes.subarray(from, at + PAGE - RESERVE)), decipher.final());
  }
  return Buffer.concat(pages);
}
