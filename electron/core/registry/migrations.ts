import authCreate from '../auth/0020-auth-create.sql';
import excelMappings from '../excel/0030-excel-mappings.sql';
import placesCreate from '../places/0010-places-create.sql';
import suppliesCreate from '../supplies/0040-supplies-create.sql';
import volunteersCreate from '../volunteers/0050-volunteers-create.sql';
import residentsCreate from '../residents/0060-residents-create.sql';
import keyPersonsCreate from '../residents/0070-key-persons-create.sql';
import campaignsCreate from '../residents/0080-campaigns-create.sql';
import passesCreate from '../residents/0090-passes-create.sql';
import briefingsCreate from '../briefing/0100-briefings-create.sql';
import inspectionsCreate from '../inspections/0110-inspections-create.sql';
import loginFailuresByClient from '../auth/0120-login-failures-by-client.sql';
import pairingCodes from '../lan/0130-pairing-codes.sql';
import registrationsClientId from '../residents/0140-registrations-client-id.sql';
import placesHistory from '../places/0150-places-history.sql';
import levelReasons from '../places/0180-level-reasons.sql';
import registrationsIdNumber from '../residents/0170-registrations-id-number.sql';
import planItemsInUnits from '../supplies/0160-plan-items-in-units.sql';
import type { Migration } from '../db/migrate';

/**
 * The ordered migration list of every feature's steps. Versions go up in steps of 10 (room
 * to insert a fix); see db/migrate.ts for how they run. Never edit a shipped entry: add a new one.
 */
export const migrations: Migration[] = [
  { version: 10, name: 'places-create', sql: placesCreate },
  { version: 20, name: 'auth-create', sql: authCreate },
  { version: 30, name: 'excel-mappings', sql: excelMappings },
  { version: 40, name: 'supplies-create', sql: suppliesCreate },
  { version: 50, name: 'volunteers-create', sql: volunteersCreate },
  { version: 60, name: 'residents-create', sql: residentsCreate },
  { version: 70, name: 'key-persons-create', sql: keyPersonsCreate },
  { version: 80, name: 'campaigns-create', sql: campaignsCreate },
  { version: 90, name: 'passes-needs-tests-create', sql: passesCreate },
  { version: 100, name: 'briefings-create', sql: briefingsCreate },
  { version: 110, name: 'inspections-create', sql: inspectionsCreate },
  { version: 120, name: 'login-failures-by-client', sql: loginFailuresByClient },
  { version: 130, name: 'pairing-codes', sql: pairingCodes },
  { version: 140, name: 'registrations-client-id', sql: registrationsClientId },
  { version: 150, name: 'places-history', sql: placesHistory },
  { version: 160, name: 'plan-items-in-units', sql: planItemsInUnits },
  { version: 170, name: 'registrations-id-number', sql: registrationsIdNumber },
  { version: 180, name: 'level-reasons', sql: levelReasons },
];
