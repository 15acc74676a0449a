import type { Tables } from '../excel/service';
import { checkpointsTable } from '../places/excel-checkpoints';
import { communitiesTable, gridsTable } from '../places/excel-communities';
import { compoundsTable } from '../places/excel-compounds';
import { stockInTable, supplyItemsTable } from '../supplies/excel-tables';
import { peopleTable, rosterRowsTable } from '../volunteers/excel-tables';
import { registrationsTable, residentsTable, testCountsTable } from '../residents/excel-table';
import { premisesTable } from '../inspections/excel-table';

/** Every feature's importable tables, by the name the import page and the contract use. */
export const TABLES: Tables = {
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
