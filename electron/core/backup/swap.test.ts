import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { swapAndOpen } from './swap';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function fileWith(dir: string, name: string, who: string): string {
  const file = path.join(dir, name);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE users (name TEXT NOT NULL)');
  db.prepare('INSERT INTO users VALUES (?)').run(who);
  db.close();
  return file;
}

const who = (db: Database.Database) => (db.prepare('SELECT name FROM users').get() as { name: string }).name;

describe('swapAndOpen', () => {
  it('opens the swapped-in file and leaves no copy of the previous one', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-swap-'));
    dirs.push(dir);
    const live = new Database(fileWith(dir, 'office.db', '原有'));
    const prepared = fileWith(dir, 'office.db.restoring', '恢复的');
    const r = swapAndOpen(live, path.join(dir, 'office.db'), prepared, (f) => new Database(f));
    expect(r.failure).toBeUndefined();
    expect(who(r.db)).toBe('恢复的');
    r.db.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['office.db']);
  });

  it('puts the previous file back when the swapped-in one does not answer', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-swap-'));
    dirs.push(dir);
    const file = path.join(dir, 'office.db');
    const live = new Database(fileWith(dir, 'office.db', '原有'));
    const prepared = path.join(dir, 'office.db.restoring');
    const db = new Database(prepared);
    db.exec('CREATE TABLE office (id INTEGER)');
    db.close();
    const r = swapAndOpen(live, file, prepared, (f) => new Database(f));
    expect(String((r.failure as Error).message)).toMatch(/no such table: users/);
    expect(who(r.db)).toBe('原有');
    r.db.close();
    expect(fs.readdirSync(dir).filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm'))).toEqual(['office.db']);
  });
});
