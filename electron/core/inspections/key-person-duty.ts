import { actor, type Handlers } from '../api/types';
import { createKeyPerson, setStatus } from '../residents/key-persons';
import { aroundDuty, endAroundDuty } from './disinfection';

/**
 * Recording a key person or changing their status, with the 消杀 duty around their home
 * kept in step (督查整改 › 消杀): a household under home observation is disinfected around
 * while the measure lasts. Served from here, the layer above residents, so residents
 * never reads or writes the inspections' tables.
 */
export const keyPersonDutyHandlers: Handlers<'keyPersons.create' | 'keyPersons.setStatus'> = {
  'keyPersons.create': (input, ctx) => {
    const person = createKeyPerson(ctx.db, input, actor(ctx));
    aroundDuty(ctx.db, person.id);
    return person;
  },
  'keyPersons.setStatus': ({ id, status, note }, ctx) => {
    const who = actor(ctx);
    setStatus(ctx.db, id, status, note, who);
    // Ended early (解除, 转送): the duty ends the next day; back under observation: it resumes.
    if (status !== 'observing') endAroundDuty(ctx.db, id, who.now);
    else aroundDuty(ctx.db, id);
    return { ok: true as const };
  },
};
