import type { z } from 'zod';
import type { Office, office } from '../../../shared/api/office';
import { can } from '../../../shared/domain/roles';
import { entityCtx, type Handlers } from '../api/types';
import { slowCalls } from '../api/slow-calls';
import { backupNow, listBackups } from '../db/backup';
import { schemaVersion } from '../db/migrate';
import { stmt } from '../db/statements';
import { dashboardSummary } from './dashboard';

/** demo.reset is served by the registry (registry/reset.ts): it rebuilds every feature's data on a thread. */
export const officeHandlers: Handlers<Exclude<keyof typeof office, 'demo.reset'>> = {
  'office.get': (_, { db }) => stmt(db, 'SELECT name, division_code AS divisionCode FROM office WHERE id = 1').get() as z.input<typeof Office>,
  'office.update': (f, { db }) => {
    stmt(db, 'UPDATE office SET name = ?, division_code = ? WHERE id = 1').run(f.name, f.divisionCode);
    return f;
  },
  'dashboard.summary': (_, ctx) => dashboardSummary(ctx.db, entityCtx(ctx).scope),
  'system.info': (_, ctx) => {
    // The server's folders tell an attacker where to look; only the roles that run the system need them.
    const runsSystem = !!ctx.user && (can(ctx.user.role, 'system:backup') || can(ctx.user.role, 'system:settings'));
    return {
      appVersion: ctx.appVersion,
      schemaVersion: schemaVersion(ctx.db),
      dataDir: runsSystem ? ctx.dataDir : null,
      databaseFile: runsSystem ? ctx.databaseFile : null,
      transport: ctx.transport,
    };
  },
  'system.slowCalls': () => slowCalls(),
  'system.backups': (_, { backupDir }) => listBackups(backupDir),
  'system.backupNow': (_, { db, backupDir, now }) => backupNow(db, backupDir, 'manual', now()),
};
