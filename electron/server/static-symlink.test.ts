import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpOffice, openHttpOffice } from '../../test/helpers/http-office';

let o: HttpOffice;
beforeAll(async () => {
  o = await openHttpOffice({ demoOnCreate: false });
  fs.writeFileSync(path.join(o.t.root, 'secret.txt'), 'TOP-SECRET');
  fs.mkdirSync(path.join(o.t.root, 'outside'));
  fs.writeFileSync(path.join(o.t.root, 'outside', 'leak.js'), 'TOP-SECRET-DIR');
  // What a careless build or a hostile local user could leave in the served folder.
  fs.symlinkSync(path.join(o.t.root, 'secret.txt'), path.join(o.staticDir, 'assets', 'secret.js'));
  fs.symlinkSync(path.join(o.t.dataDir, 'street-command.db'), path.join(o.staticDir, 'assets', 'office.png'));
  fs.symlinkSync(path.join(o.t.root, 'outside'), path.join(o.staticDir, 'linked'));
  fs.symlinkSync(path.join(o.staticDir, 'assets', 'app.js'), path.join(o.staticDir, 'assets', 'alias.js'));
  fs.writeFileSync(path.join(o.staticDir, 'assets', 'app.js'), 'console.log("app")');
});
afterAll(() => o.close());

describe('static files', () => {
  it('never follow a symlink out of the built renderer, with or without a session', async () => {
    const admin = await o.login('admin');
    for (const cookie of [null, admin]) {
      for (const p of ['/assets/secret.js', '/assets/office.png', '/linked/leak.js']) {
        const r = await o.get(p, { cookie });
        expect(r.status, p).toBe(404);
        expect(r.body, p).not.toContain('TOP-SECRET');
        expect(r.body, p).not.toContain('SQLite');
      }
    }
  });

  it('still serve regular files, and a link that stays inside the folder', async () => {
    expect((await o.get('/assets/app.js')).body).toBe('console.log("app")');
    expect((await o.get('/assets/alias.js')).body).toBe('console.log("app")');
    expect((await o.get('/')).body).toContain('街道防控指挥台');
  });
});
