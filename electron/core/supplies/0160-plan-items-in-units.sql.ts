/**
 * 0160: an allocation plan may hand out an item that is normally given in whole packs
 * (口罩 by the 盒, 消毒液 by the 箱) in base units instead, when whole packs would leave
 * recipients with nothing. The choice belongs to the plan, not the catalogue, and must
 * survive every recomputation, so it is stored per plan item.
 */
export default /* sql */ `
ALTER TABLE plan_items ADD COLUMN in_units INTEGER NOT NULL DEFAULT 0 CHECK (in_units IN (0, 1));
`;
