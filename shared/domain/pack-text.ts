/** Quantity as it is counted by hand: "12 盒（600 只）", "12 盒又 3 只（603 只）", "30 套". */
export function packText(qty: number, item: { unit: string; packSize: number; packUnit: string | null }): string {
  const n = (v: number) => v.toLocaleString('zh-CN');
  const packs = Math.trunc(qty / item.packSize);
  if (item.packSize <= 1 || packs === 0) return `${n(qty)} ${item.unit}`;
  const rest = qty - packs * item.packSize;
  return `${n(packs)} ${item.packUnit ?? '包'}${rest ? `又 ${n(rest)} ${item.unit}` : ''}（${n(qty)} ${item.unit}）`;
}

/** A quantity typed in packs (箱/盒) or base units (瓶/只), as base units: packs × pack size. */
export function toBaseUnits(qty: number, per: 'pack' | 'unit', item: { packSize: number }): number {
  return per === 'pack' ? qty * item.packSize : qty;
}
