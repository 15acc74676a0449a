import './zod-locale';
import type { z } from 'zod';
import { auth } from './auth';
import { backup } from './backup';
import { briefing } from './briefing';
import { excel } from './excel';
import { inspections } from './inspections';
import { disinfection } from './disinfection';
import { lan } from './lan';
import { listExports } from './list-exports';
import { map } from './map';
import { mapTiles } from './map-tiles';
import { office } from './office';
import { places } from './places';
import { campaigns } from './campaigns';
import { householdServices } from './household-services';
import { keyPersons } from './key-persons';
import { residents } from './residents';
import { residentsEdit } from './residents-edit';
import { peopleBulk } from './people-bulk';
import { stocktake } from './stocktake';
import { supplies } from './supplies';
import { plans } from './plans';
import { volunteers } from './volunteers';

/** The one method list. Every transport derives its routes from the keys of `api`. */
export const api = {
  ...auth,
  ...backup,
  ...excel,
  ...map,
  ...mapTiles,
  ...office,
  ...places,
  ...supplies,
  ...plans,
  ...volunteers,
  ...residents,
  ...residentsEdit,
  ...peopleBulk,
  ...stocktake,
  ...keyPersons,
  ...campaigns,
  ...householdServices,
  ...briefing,
  ...inspections,
  ...disinfection,
  ...lan,
  ...listExports,
};

export type Api = typeof api;
export type MethodName = keyof Api & string;
export const methodNames = Object.keys(api) as MethodName[];

/** What a caller passes (before defaults/transforms). */
export type Input<N extends MethodName> = z.input<Api[N]['input']>;
/** What a caller receives. */
export type Output<N extends MethodName> = z.output<Api[N]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name);
}

export * from './errors';
