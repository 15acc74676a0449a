/**
 * `npm run bench`: speed figures printed with a baseline measured in the same process.
 * Not part of `npm test` (timings never decide a test).
 */
import { benchExcelImport } from './excel-import';

const rows = Number(process.env.BENCH_ROWS ?? 150_000);
await benchExcelImport(rows);
