import type { places } from '../../../shared/api/places';
import type { Handlers } from '../api/types';
import { checkpoints } from './checkpoints';
import { communities } from './communities';
import { compounds } from './compounds';
import { createRow, deleteRow, getRow, listRows, updateRow } from './entity';
import { grids } from './grids';

export const placesHandlers: Handlers<keyof typeof places> = {
  'communities.list': (input, { db }) => listRows(db, communities, input),
  'communities.create': (input, { db, now }) => createRow(db, communities, input, now()),
  'communities.update': ({ id, ...f }, { db, now }) => updateRow(db, communities, id, f, now()),
  'communities.delete': ({ id }, { db }) => deleteRow(db, communities, id),

  'grids.list': (input, { db }) => listRows(db, grids, input),
  'grids.create': (input, { db, now }) => createRow(db, grids, input, now()),
  'grids.update': ({ id, ...f }, { db, now }) => updateRow(db, grids, id, f, now()),
  'grids.delete': ({ id }, { db }) => deleteRow(db, grids, id),

  'compounds.list': (input, { db }) => listRows(db, compounds, input),
  'compounds.get': ({ id }, { db }) => getRow(db, compounds, id),
  'compounds.create': (input, { db, now }) => createRow(db, compounds, input, now()),
  'compounds.update': ({ id, ...f }, { db, now }) => updateRow(db, compounds, id, f, now()),
  'compounds.delete': ({ id }, { db }) => deleteRow(db, compounds, id),

  'checkpoints.list': (input, { db }) => listRows(db, checkpoints, input),
  'checkpoints.get': ({ id }, { db }) => getRow(db, checkpoints, id),
  'checkpoints.create': (input, { db, now }) => createRow(db, checkpoints, input, now()),
  'checkpoints.update': ({ id, ...f }, { db, now }) => updateRow(db, checkpoints, id, f, now()),
  'checkpoints.delete': ({ id }, { db }) => deleteRow(db, checkpoints, id),
};
