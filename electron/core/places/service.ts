import type { places } from '../../../shared/api/places';
import { exportList } from '../excel/export-list';
import { actor, entityCtx, type Handlers } from '../api/types';
import { checkpoints } from './checkpoints';
import { communities } from './communities';
import { compounds } from './compounds';
import { createRow, deleteRow, getRow, listRows, updateRow } from '../kernel/entity';
import { checkpointsTable } from './excel-checkpoints';
import { communitiesTable, gridsTable } from './excel-communities';
import { compoundsTable } from './excel-compounds';
import { grids } from './grids';
import { levelHistory, setLevel } from './levels';

type Exports = 'compounds.export' | 'checkpoints.export' | 'communities.export' | 'grids.export';

export const placesHandlers: Handlers<keyof typeof places | Exports> = {
  'communities.export': (input, ctx) => exportList(communities, communitiesTable, ctx, input),
  'grids.export': (input, ctx) => exportList(grids, gridsTable, ctx, input),
  'compounds.export': (input, ctx) => exportList(compounds, compoundsTable, ctx, input),
  'checkpoints.export': (input, ctx) => exportList(checkpoints, checkpointsTable, ctx, input),

  'communities.list': (input, ctx) => listRows(entityCtx(ctx), communities, input),
  'communities.create': (input, ctx) => createRow(entityCtx(ctx), communities, input),
  'communities.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), communities, id, f),
  'communities.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), communities, id),

  'grids.list': (input, ctx) => listRows(entityCtx(ctx), grids, input),
  'grids.create': (input, ctx) => createRow(entityCtx(ctx), grids, input),
  'grids.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), grids, id, f),
  'grids.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), grids, id),

  'compounds.list': (input, ctx) => listRows(entityCtx(ctx), compounds, input),
  'compounds.get': ({ id }, ctx) => getRow(entityCtx(ctx), compounds, id),
  'compounds.create': (input, ctx) => createRow(entityCtx(ctx), compounds, input),
  'compounds.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), compounds, id, f),
  'compounds.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), compounds, id),
  'compounds.setLevel': (input, ctx) => setLevel(ctx.db, input, actor(ctx), ctx.record),
  'compounds.levelHistory': ({ id }, ctx) => levelHistory(ctx.db, id),

  'checkpoints.list': (input, ctx) => listRows(entityCtx(ctx), checkpoints, input),
  'checkpoints.get': ({ id }, ctx) => getRow(entityCtx(ctx), checkpoints, id),
  'checkpoints.create': (input, ctx) => createRow(entityCtx(ctx), checkpoints, input),
  'checkpoints.update': ({ id, ...f }, ctx) => updateRow(entityCtx(ctx), checkpoints, id, f),
  'checkpoints.delete': ({ id }, ctx) => deleteRow(entityCtx(ctx), checkpoints, id),
};
