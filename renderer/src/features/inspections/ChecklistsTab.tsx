import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Input, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { ProblemCategory, TargetKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { enumOptions } from '../places/options';

type Checklist = Output<'checklists.current'>[number];
type Item = Checklist['items'][number];

function ChecklistCard({ list, canWrite, onSaved }: { list: Checklist; canWrite: boolean; onSaved: () => void }) {
  const { message } = App.useApp();
  const [items, setItems] = useState<Item[]>(list.items);
  useEffect(() => setItems(list.items), [list]);
  const dirty = JSON.stringify(items) !== JSON.stringify(list.items);
  const save = async () => {
    try {
      const saved = await call('checklists.save', { targetKind: list.targetKind, items });
      message.success(`已保存为第 ${saved.version} 版；此前的督查记录仍按原版本`);
      onSaved();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      title={`${TargetKind.labels[list.targetKind]}检查表`}
      extra={<Typography.Text type="secondary">第 {list.version} 版</Typography.Text>}
      actions={
        canWrite
          ? [
              <Button key="save" type="primary" disabled={!dirty} onClick={save}>
                保存为新版本
              </Button>,
            ]
          : undefined
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        {items.map((it, i) => (
          <Space.Compact key={i} style={{ width: '100%' }}>
            <Input
              value={it.label}
              readOnly={!canWrite}
              maxLength={30}
              aria-label="检查项"
              onChange={(e) => setItems(items.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
            />
            <Select
              value={it.category}
              disabled={!canWrite}
              style={{ width: 120 }}
              options={enumOptions(ProblemCategory.labels)}
              onChange={(c) => setItems(items.map((x, j) => (j === i ? { ...x, category: c } : x)))}
            />
            {canWrite && <Button icon={<DeleteOutlined />} aria-label="删除检查项" onClick={() => setItems(items.filter((_, j) => j !== i))} />}
          </Space.Compact>
        ))}
        {canWrite && (
          <Button
            icon={<PlusOutlined />}
            onClick={() => setItems([...items, { key: `item${Date.now().toString(36)}`, label: '新检查项', category: 'measures' }])}
          >
            添加检查项
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** 检查表模板: one per kind of place; saving makes a new version so past inspections read as they were. */
export function ChecklistsTab({ canWrite }: { canWrite: boolean }) {
  const [reload, setReload] = useState(0);
  const lists = useLoad(() => call('checklists.current', {}), [reload]);
  return (
    <Row gutter={[16, 16]}>
      {(lists.data ?? []).map((l) => (
        <Col key={l.targetKind} xs={24} lg={8}>
          <ChecklistCard list={l} canWrite={canWrite} onSaved={() => setReload((n) => n + 1)} />
        </Col>
      ))}
    </Row>
  );
}
