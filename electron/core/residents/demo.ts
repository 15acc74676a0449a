import type Database from 'better-sqlite3-multiple-ciphers';

/** Residents, their buildings and households, registrations and alerts go before the territory they hang on. */
export function clearResidents(db: Database.Database): void {
  db.exec('DELETE FROM test_rounds; DELETE FROM needs; DELETE FROM passes; DELETE FROM campaigns; DELETE FROM alerts; DELETE FROM followups; DELETE FROM key_persons; DELETE FROM registrations; DELETE FROM residents; DELETE FROM households; DELETE FROM buildings;');
}
