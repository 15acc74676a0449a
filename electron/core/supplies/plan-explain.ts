import type { AllocResult } from '../../../shared/domain/allocate';

const n = (v: number) => v.toLocaleString('zh-CN');

/**
 * The rounding of one item, in words a recipient can check: what was asked for, what the
 * stock allowed, the grain (whole packs or units), how many packs went by largest
 * remainder, and what stays in stock.
 */
export function explain(
  item: { name: string; unit: string; pack_size: number; pack_unit: string | null; allow_split: number },
  requested: number,
  onHand: number,
  r: AllocResult,
  inUnits = false,
): string {
  const parts: string[] = [];
  const pack = item.pack_unit ?? '包';
  const available = Math.min(requested, Math.max(0, onHand));
  parts.push(`计划 ${n(requested)} ${item.unit}`);
  if (requested > available) parts.push(`仓库现有 ${n(Math.max(0, onHand))} ${item.unit}，按库存分配`);
  if (r.grain > 1) parts.push(`按整${pack}分配（每${pack} ${n(r.grain)} ${item.unit}），共 ${n(r.distributed / r.grain)} ${pack}`);
  else if (item.pack_size > 1 && inUnits && item.allow_split === 0) parts.push(`本方案拆${pack}，按${item.unit}分配`);
  else if (item.pack_size > 1) parts.push(`可拆${pack}，按${item.unit}分配`);
  parts.push('先按权重比例取整');
  if (r.remainderGrains > 0)
    parts.push(`余下 ${n(r.remainderGrains)} ${r.grain > 1 ? pack : item.unit}按“最大余数法”分给小数部分最大的 ${n(r.remainderGrains)} 个接收方`);
  if (r.leftover > 0) parts.push(`${n(r.leftover)} ${item.unit}${r.grain > 1 && r.leftover < r.grain ? `不足一${pack}` : '超出各接收方上限'}，留在库存`);
  return `${item.name}：${parts.join('；')}。`;
}
