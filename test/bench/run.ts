/**
 * `npm run bench`: speed figures printed with a baseline measured in the same process.
 * Not part of `npm test` (timings never decide a test). BENCH=excel, tables, concurrency, map, supplies, roster, residents, briefing, inspections or passes runs one.
 */
import { benchBriefing } from './briefing';
import { benchConcurrency } from './concurrency';
import { benchExcelImport } from './excel-import';
import { benchImportTables } from './import-tables';
import { benchInspections } from './inspections';
import { benchMapRender } from './map-render';
import { benchPasses } from './passes';
import { benchResidents } from './residents';
import { benchRoster } from './roster';
import { benchSupplies } from './supplies';

const only = process.env.BENCH;
if (!only || only === 'excel') await benchExcelImport(Number(process.env.BENCH_ROWS ?? 150_000));
if (!only || only === 'tables') await benchImportTables();
if (!only || only === 'concurrency') await benchConcurrency(Number(process.env.BENCH_ROWS ?? 150_000));
if (!only || only === 'map') await benchMapRender();
if (!only || only === 'supplies') await benchSupplies();
if (!only || only === 'roster') await benchRoster();
if (!only || only === 'residents') await benchResidents();
if (!only || only === 'briefing') await benchBriefing();
if (!only || only === 'inspections') await benchInspections();
if (!only || only === 'passes') await benchPasses();
