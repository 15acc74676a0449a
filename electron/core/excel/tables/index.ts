import { ApiError } from '../../../../shared/api/errors';
import type { TableSchema } from '../table-schema';
import { checkpointsTable } from './checkpoints';
import { communitiesTable, gridsTable } from './communities';
import { compoundsTable } from './compounds';
import { stockInTable, supplyItemsTable } from '../../supplies/excel-tables';
import { peopleTable, rosterRowsTable } from '../../volunteers/excel-tables';
import { registrationsTable, residentsTable, testCountsTable } from '../../residents/excel-table';
import { premisesTable } from '../../inspections/excel-table';

/** Importable tables; later features (residents, supplies, volunteers) add theirs here. */
export const TABLES: Record<string, TableSchema> = {
  compounds: compoundsTable,
  checkpoints: checkpointsTable,
  communities: communitiesTable,
  grids: gridsTable,
  supplyItems: supplyItemsTable,
  stockIn: stockInTable,
  people: peopleTable,
  rosterRows: rosterRowsTable,
  residents: residentsTable,
  registrations: registrationsTable,
  testCounts: testCountsTable,
  premises: premisesTable,
};

export function tableOf(name: string): TableSchema {
  const t = TABLES[name];
  if (!t) throw new ApiError('VALIDATION', `不支持导入“${name}”`);
  return t;
}
