import fs from 'node:fs';
import { LOCK_FILE, type MigrationLock, withNewSteps } from '../../electron/core/db/migrations-lock';
import { migrations } from '../../electron/core/registry/migrations';

// npm run migrations:lock — records the sha256 of each migration step not yet recorded.
// Recorded steps are never rewritten: a shipped step is changed by adding a new step.
const current: MigrationLock = fs.existsSync(LOCK_FILE) ? JSON.parse(fs.readFileSync(LOCK_FILE, 'utf8')) : {};
const { lock, added } = withNewSteps(current, migrations);
fs.writeFileSync(LOCK_FILE, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `recorded ${added.map((m) => `${m.version} ${m.name}`).join(', ')}` : 'every step was already recorded');
