/**
 * 0180: a change of control level made through 封控 carries why and who, beside when
 * (which may be earlier than the moment it was typed: sealed at 08:00, recorded at 10:00).
 * Rows from plain edits and from before keep both empty.
 */
export default /* sql */ `
ALTER TABLE compound_levels ADD COLUMN reason TEXT;
ALTER TABLE compound_levels ADD COLUMN username TEXT;
`;
