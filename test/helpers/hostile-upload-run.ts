/**
 * Run in a fresh process (`node --import tsx`), so its peak memory is the uploads' alone:
 * uploads each hostile workbook three times through call() and prints, as JSON, the
 * messages and the process's peak resident memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { farCellsWorkbook, sharedStringBomb } from '../fixtures/excel/hostile-zips';
import { signInAs, TEST_PASSWORD } from './sessions';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-hostile-'));
try {
  const core = await createCore({
    dataDir: path.join(root, 'data'),
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    adminPassword: TEST_PASSWORD,
    keyStore: fileKeyStore(path.join(root, 'db.key')),
  });
  const call = await signInAs(core, 'command');
  const files = { bomb: await sharedStringBomb(Number(process.env.BOMB_MB ?? 160)), far: await farCellsWorkbook() };
  const messages: Record<string, string[]> = { bomb: [], far: [] };
  for (let i = 0; i < 3; i++) {
    for (const [kind, bytes] of Object.entries(files)) {
      const r = await call('excel.upload', { table: 'residents', fileName: `${kind}.xlsx`, base64: bytes.toString('base64') });
      messages[kind]!.push(r.ok ? 'accepted' : r.error.message);
    }
  }
  core.close();
  console.log(
    JSON.stringify({ sizes: { bomb: files.bomb.length, far: files.far.length }, messages, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
  );
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
