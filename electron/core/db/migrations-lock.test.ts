import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, type MigrationLock, sha256Of } from './migrations-lock';
import { migrations } from '../registry/migrations';

const lock: MigrationLock = JSON.parse(fs.readFileSync(LOCK_FILE, 'utf8'));

describe('shipped migration steps are frozen (migrations.lock.json)', () => {
  it.each(migrations.map((m) => [m.version, m.name, m] as const))('step %i %s is recorded and unchanged', (version, name, m) => {
    const recorded = lock[String(version)];
    expect(
      recorded,
      `Migration step ${version} (${name}) is not recorded in electron/core/db/migrations.lock.json. ` +
        'When the step is final, run `npm run migrations:lock` and commit the lock file with it.',
    ).toBeDefined();
    expect(recorded!.name, `step ${version} was recorded as "${recorded!.name}"`).toBe(name);
    expect(
      sha256Of(m),
      `Migration step ${version} (${name}) was changed after it was recorded. Databases in the field have run the old ` +
        `text already and will never run the new one. Put the step back as it was and make the change in a NEW step ` +
        `(version ${migrations.at(-1)!.version + 10}), then run \`npm run migrations:lock\`.`,
    ).toBe(recorded!.sha256);
  });

  it('no recorded step has been removed from the list', () => {
    const listed = new Set(migrations.map((m) => String(m.version)));
    const missing = Object.entries(lock).filter(([v]) => !listed.has(v));
    expect(missing, 'A shipped migration step was removed from db/migrations.ts; databases that ran it would no longer match').toEqual([]);
  });
});
