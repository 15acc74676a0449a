import { DeleteOutlined, FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { type FigureKey, FIGURES, percent } from '../../../../shared/domain/briefing-figures';
import { call } from '../../api/client';
import { downloadBase64 } from '../../lib/download';
import { fmt } from '../../lib/format';
import { readBase64 } from '../../lib/readFile';
import { useLoad } from '../../lib/useLoad';

type Unit = Output<'rollup.get'>['units'][number];

/** The columns shown per unit; every figure is in the workbook, these fit a screen. */
const SHOWN: FigureKey[] = [
  'checkpoints',
  'dutyFilled',
  'regPeople',
  'regVehicles',
  'regAbnormal',
  'keyUnder',
  'keyNew',
  'keyReleased',
  'followupsDone',
  'screenReached',
  'alertsOpen',
];

/**
 * 汇总下级报表: a higher level chooses the day, adds its units' report workbooks (several
 * at once), and sees each unit's row and the sum — which it can pass up as its own report.
 */
export function RollupTab({ canWrite }: { canWrite: boolean }) {
  const { message } = App.useApp();
  const [day, setDay] = useState<Dayjs>(() => dayjs().subtract(1, 'day'));
  const [reload, setReload] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dayText = day.format('YYYY-MM-DD');
  const rollup = useLoad(() => call('rollup.get', { day: dayText }), [dayText, reload]);
  const [picked, setPicked] = useState<File[]>([]);

  const importAll = async (files: File[]) => {
    setBusy(true);
    setError(null);
    try {
      const payload = await Promise.all(files.map(async (f) => ({ fileName: f.name, base64: await readBase64(f) })));
      const r = await call('rollup.import', { day: dayText, files: payload });
      message.success(`已导入 ${files.length} 个单位，共 ${r.units.length} 个单位`);
      setReload((n) => n + 1);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setPicked([]);
    }
  };
  const sum = rollup.data?.sum;
  const rows: (Unit | (Unit & { total: true }))[] = [...(rollup.data?.units ?? [])];
  if (sum && rows.length)
    rows.push({ unitName: '合计', divisionCode: null, fileName: '', generatedAt: '', importedAt: '', importedBy: '', totals: sum, total: true });
  return (
    <Card size="small" data-testid="rollup">
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} aria-label="汇总日期" />
        {canWrite && (
          <Upload
            multiple
            accept=".xlsx,.xls,.et,.csv"
            showUploadList={false}
            // All files chosen together go in one all-or-nothing import.
            beforeUpload={(f, list) => {
              if (f === list[list.length - 1]) {
                setPicked(list);
                void importAll(list);
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} data-testid="rollup-import">
              导入下级上报工作簿{picked.length ? `（${picked.length} 个）` : ''}
            </Button>
          </Upload>
        )}
        <Button
          icon={<FileExcelOutlined />}
          disabled={!rollup.data?.units.length}
          onClick={async () => {
            const f = await call('rollup.workbook', { day: dayText });
            downloadBase64(f.fileName, f.base64);
          }}
        >
          导出合计（报上级）
        </Button>
      </Space>
      {error && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setError(null)}
          title="导入失败，未导入任何文件"
          description={error}
          style={{ marginBottom: 12 }}
          data-testid="rollup-error"
        />
      )}
      <Typography.Paragraph type="secondary">
        每个单位每天一份。日期不符、同一单位重复或已导入过的文件会被拒绝；要更正某单位的数据，先删除它再导入。
        {sum &&
          rows.length > 0 &&
          ` 合计：到岗率 ${percent(sum.dutyFilled, sum.dutyNeeded) ?? '—'}%，随访完成率 ${percent(sum.followupsDone, sum.followupsDue) ?? '—'}%，排查覆盖率 ${percent(sum.screenReached, sum.screenHouseholds) ?? '—'}%。`}
      </Typography.Paragraph>
      <Table
        size="small"
        bordered
        pagination={false}
        scroll={{ x: true }}
        rowKey="unitName"
        dataSource={rows}
        rowClassName={(r) => ('total' in r ? 'total-row' : '')}
        locale={{ emptyText: `${day.format('M月D日')}还没有导入下级单位的报表` }}
        columns={[
          { title: '单位', dataIndex: 'unitName', key: 'unitName', fixed: 'left', width: 140 },
          ...SHOWN.map((k) => ({ title: FIGURES[k].label, key: k, align: 'right' as const, render: (_: unknown, r: Unit) => fmt(r.totals[k]) })),
          { title: '文件', dataIndex: 'fileName', key: 'fileName', width: 180 },
          {
            title: '',
            key: 'remove',
            width: 60,
            render: (_: unknown, r: Unit) =>
              canWrite && !('total' in r) ? (
                <Popconfirm
                  title={`删除 ${r.unitName} 的上报数据？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={async () => (await call('rollup.remove', { day: dayText, unitName: r.unitName }), setReload((n) => n + 1))}
                >
                  <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`删除${r.unitName}`} />
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
