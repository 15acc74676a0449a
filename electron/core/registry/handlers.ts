import type { MethodName } from '../../../shared/api/index';
import { authHandlers } from '../auth/service';
import { backupHandlers } from '../backup/service';
import { backupStatusHandlers } from '../backup/status';
import { briefingHandlers } from '../briefing/service';
import { excelHandlers } from '../excel/service';
import { keyPersonDutyHandlers } from '../inspections/key-person-duty';
import { inspectionExportHandlers } from '../inspections/exports';
import { inspectionHandlers } from '../inspections/service';
import { lanHandlers } from '../lan/service';
import { mapTileHandlers } from '../map/service';
import { mapFeatureHandlers } from '../map/service.features';
import { officeHandlers } from '../office/service';
import { placesHandlers } from '../places/service';
import { suppliesHandlers } from '../supplies/service';
import { volunteerHandlers } from '../volunteers/service';
import { residentHandlers } from '../residents/service';
import { residentExportHandlers } from '../residents/exports';
import { supplyExportHandlers } from '../supplies/exports';
import { residentEditHandlers } from '../residents/edit';
import { peopleBulkHandlers } from '../volunteers/bulk';
import { stocktakeHandlers } from '../supplies/stocktake';
import type { Handlers } from '../api/types';
import { demoHandlers } from './reset';
import { TABLES } from './tables';

/** Every feature's handlers, the composition call() is given; the type makes a missing or extra method a compile error. */
export const handlers: Handlers<MethodName> = {
  ...authHandlers,
  ...backupHandlers,
  ...backupStatusHandlers,
  ...excelHandlers(TABLES),
  ...mapFeatureHandlers,
  ...mapTileHandlers,
  ...officeHandlers,
  ...demoHandlers,
  ...placesHandlers,
  ...suppliesHandlers,
  ...volunteerHandlers,
  ...residentHandlers,
  ...residentEditHandlers,
  ...peopleBulkHandlers,
  ...stocktakeHandlers,
  ...briefingHandlers,
  ...inspectionHandlers,
  ...keyPersonDutyHandlers,
  ...lanHandlers,
  ...supplyExportHandlers,
  ...residentExportHandlers,
  ...inspectionExportHandlers,
};
