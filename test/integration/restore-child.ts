/**
 * Child process for the kill-during-restore test: restores two backups in turn, forever,
 * until the parent kills it at a random moment.
 */
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';

const [dataDir, keyFile, first, second] = process.argv.slice(2) as [string, string, string, string];
const core = await createCore({ dataDir, demoOnCreate: false, transport: 'http', keyStore: fileKeyStore(keyFile) });
for (let i = 0; ; i++) {
  const login = await core.call('auth.login', { username: 'admin', password: process.env.TEST_PASSWORD }, { client: '127.0.0.1', local: true });
  const token = login.session.set;
  const r = await core.call('backup.restore', { backup: i % 2 ? second : first }, { client: '127.0.0.1', token, local: true });
  if (!r.envelope.ok) {
    console.error(JSON.stringify(r.envelope));
    process.exit(2);
  }
  if (i === 0) console.log('restoring');
}
