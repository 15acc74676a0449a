import { Alert, Button, Modal, Space, Typography } from 'antd';
import type { Output } from '../../../../shared/api';

export type Preview = Output<'plans.preview'>;
/** How the planner chose to save after the check: as computed, in base units, or to the smaller list. */
export type SaveChoice = 'asIs' | 'inUnits' | 'dropEmpty';

const n = (v: number) => v.toLocaleString('zh-CN');

/**
 * Shown before a new plan is saved when it would leave recipients with nothing or hand out
 * less than asked (the stock is short): says how many, and offers to split by base units or
 * to hand out to a smaller list instead. Every save here confirms the cut to the stock.
 */
export function PlanCheckModal({
  preview,
  smaller,
  busy,
  onChoose,
  onCancel,
}: {
  preview: Preview;
  /** The preview of the smaller list (recipients that get something), when some get nothing. */
  smaller: Preview | null;
  busy: boolean;
  onChoose: (c: SaveChoice) => void;
  onCancel: () => void;
}) {
  const packed = preview.items.filter((i) => i.wholePacks && i.zero > 0);
  const units = [...new Set(packed.map((i) => i.unit))].join('/');
  const packs = [...new Set(packed.map((i) => i.packUnit ?? '包'))].join('/');
  return (
    <Modal
      open
      title="保存前请确认"
      onCancel={onCancel}
      width={620}
      footer={
        <Space wrap>
          <Button onClick={onCancel}>返回修改</Button>
          {preview.empty > 0 && packed.length > 0 && (
            <Button onClick={() => onChoose('inUnits')} loading={busy} data-testid="check-in-units">
              改为按{units}分配（拆{packs}）
            </Button>
          )}
          {preview.empty > 0 && smaller && (
            <Button onClick={() => onChoose('dropEmpty')} loading={busy} data-testid="check-drop-empty">
              只分给能分到的 {smaller.recipients} 个接收方
            </Button>
          )}
          <Button type="primary" onClick={() => onChoose('asIs')} loading={busy} data-testid="check-as-is">
            {preview.shortfalls.length ? '按现有库存保存' : '仍按此保存'}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="plan-check">
        {preview.empty > 0 && (
          <Alert
            type="warning"
            showIcon
            title={`${n(preview.recipients)} 个接收方中有 ${n(preview.empty)} 个分不到任何物资（数量为 0）`}
            description={
              <>
                {packed.map((i) => (
                  <div key={i.itemId}>
                    {i.name}按整{i.packUnit ?? '包'}分配（每{i.packUnit ?? '包'} {n(i.packSize)} {i.unit}），共 {n(i.allocated / i.packSize)}{' '}
                    {i.packUnit ?? '包'}，{n(i.zero)} 个接收方为 0。
                  </div>
                ))}
                <Typography.Text type="secondary">
                  例如：{preview.emptyNames.join('、')}
                  {preview.empty > preview.emptyNames.length ? ` 等 ${n(preview.empty)} 个` : ''}
                </Typography.Text>
              </>
            }
          />
        )}
        {preview.shortfalls.length > 0 && (
          <Alert
            type="error"
            showIcon
            title="计划数量超过库存，将按现有库存分配"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="plan-shortfalls">
                {preview.shortfalls.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            }
          />
        )}
      </Space>
    </Modal>
  );
}
