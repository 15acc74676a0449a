/**
 * 0170: a checkpoint registration may carry the person's ID number (typed or read by an ID
 * card reader), checked like residents' and linked to the resident with that number when
 * there is one. A fever alert is also marked seen by the gate (seen_by/seen_at: the person
 * at the checkpoint acknowledged the warning on screen), apart from ack_by/ack_at, which
 * stay the command centre's record of what was done about it.
 */
export default /* sql */ `
ALTER TABLE registrations ADD COLUMN id_number TEXT;
ALTER TABLE registrations ADD COLUMN resident_id INTEGER REFERENCES residents (id) ON DELETE SET NULL;
ALTER TABLE alerts ADD COLUMN seen_by TEXT;
ALTER TABLE alerts ADD COLUMN seen_at TEXT;
`;
