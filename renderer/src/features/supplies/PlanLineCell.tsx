import { InputNumber, Typography } from 'antd';
import type { Output } from '../../../../shared/api';
import { packText } from '../../../../shared/domain/pack-text';

type Plan = Output<'plans.get'>;
type Item = Plan['items'][number];
type Line = Plan['lines'][number];

/** Whether the sheet's quantities are typed in base units (瓶/只) or in packs (箱/盒). */
export type Per = 'unit' | 'pack';

/**
 * One recipient's quantity of one item: in a draft an input in the unit chosen for the
 * sheet, always with the count in packs and base units beside it ("3 箱（60 瓶）").
 */
export function PlanLineCell({
  line,
  item,
  editable,
  per,
  label,
  onSet,
}: {
  line: Line;
  item: Item;
  editable: boolean;
  per: Per;
  label: string;
  onSet: (qty: number) => void;
}) {
  const both = <Typography.Text type="secondary">{packText(line.qty, item)}</Typography.Text>;
  if (!editable) return <span data-testid="line-both">{packText(line.qty, item)}</span>;
  const inPacks = per === 'pack' && item.packSize > 1;
  const adjusted = line.qty !== line.suggested;
  const split = item.allowSplit || item.inUnits;
  return (
    <div>
      <InputNumber
        size="small"
        min={0}
        step={inPacks ? 1 : split ? 1 : item.packSize}
        precision={inPacks && split ? 2 : 0}
        value={inPacks ? line.qty / item.packSize : line.qty}
        suffix={inPacks ? (item.packUnit ?? '包') : item.unit}
        status={adjusted ? 'warning' : undefined}
        onBlur={(e) => {
          const typed = Number((e.target as HTMLInputElement).value.replace(/,/g, ''));
          const v = Math.round(inPacks ? typed * item.packSize : typed);
          if (Number.isFinite(v) && v !== line.qty) onSet(v);
        }}
        aria-label={label}
        title={adjusted ? `建议 ${packText(line.suggested, item)}` : undefined}
        style={{ width: 110 }}
      />
      {item.packSize > 1 && <div data-testid="line-both">{both}</div>}
    </div>
  );
}
