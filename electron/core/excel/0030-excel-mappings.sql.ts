/** 0030: column mappings a user corrected, remembered per table and header signature. */
export default /* sql */ `
CREATE TABLE import_mappings (
  table_name TEXT NOT NULL,
  signature TEXT NOT NULL,
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (table_name, signature)
) STRICT, WITHOUT ROWID;
`;
