import path from 'node:path';
import { type Core, createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { TEST_PASSWORD } from '../helpers/sessions';

/** The demo office (without its residents) in `dir`/data, keyed by `dir`/db.key, with the test password. */
export function openDemoOffice(dir: string): Promise<Core> {
  return createCore({
    dataDir: path.join(dir, 'data'),
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    keyStore: fileKeyStore(path.join(dir, 'db.key')),
    adminPassword: TEST_PASSWORD,
  });
}
