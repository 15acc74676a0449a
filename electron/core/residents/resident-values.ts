import { residentKey } from './residents';

/** One row of the resident roster as the import reads it, before it is saved or staged. */
export interface ResidentInput {
  name: string;
  idNumber: string;
  birthDate: string;
  gender: 'M' | 'F';
  phone: string | null;
  compoundId: number | null;
  newCompound: { name: string; communityId: number } | null;
  building: string | null;
  unit: string;
  room: string | null;
  relation: string | null;
  kind: string;
  flags: string[];
  origin: string | null;
  returnDate: string | null;
  note: string | null;
}

/** A row's person columns, in the order the residents table's statements list them (name … search_key). */
export function personValues(i: ResidentInput): (string | null)[] {
  return [
    i.name,
    i.idNumber,
    i.birthDate,
    i.gender,
    i.phone,
    i.relation,
    i.kind,
    i.flags.join('、'),
    i.origin,
    i.returnDate,
    i.note,
    residentKey(i.name, i.phone, i.idNumber),
  ];
}
