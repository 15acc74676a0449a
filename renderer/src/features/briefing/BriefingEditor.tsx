import { FileExcelOutlined, FileWordOutlined, HistoryOutlined, PrinterOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, List, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { briefingDoc, type DocTable } from '../../../../shared/domain/briefing-doc';
import { SECTION_KEYS, type SectionKey } from '../../../../shared/domain/briefing-figures';
import { call } from '../../api/client';
import { downloadBase64 } from '../../lib/download';
import { svgToPng } from '../../lib/svgToPng';
import { useLoad } from '../../lib/useLoad';
import { MAP_H, MAP_W, officeMapSvg } from '../../../../shared/domain/office-map-svg';

type Briefing = Output<'briefings.get'>;

export function DocTableView({ t }: { t: DocTable }) {
  return (
    <Table
      size="small"
      pagination={false}
      bordered
      style={{ marginTop: 8 }}
      title={() => <b>{t.caption}</b>}
      rowKey={(_, i) => String(i)}
      dataSource={t.rows.map((r) => Object.fromEntries(r.map((c, i) => [String(i), c])))}
      columns={t.head.map((h, i) => ({
        title: h,
        dataIndex: String(i),
        key: String(i),
        align: t.numeric.includes(i) ? ('right' as const) : ('left' as const),
      }))}
    />
  );
}

const ACTIONS = { generate: '生成', regenerate: '重新生成', edit: '修改文字' } as const;

/** One briefing: its paragraphs to edit, the figures under each, and the ways out (print, Word, workbook). */
export function BriefingEditor({ id, canWrite, onChanged }: { id: number; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [reload, setReload] = useState(0);
  const loaded = useLoad(() => call('briefings.get', { id }), [id, reload]);
  const [draft, setDraft] = useState<Record<SectionKey, string> | null>(null);
  const [history, setHistory] = useState(false);
  const versions = useLoad(() => (history ? call('briefings.versions', { id }) : Promise.resolve([])), [history, id, reload]);
  const b: Briefing | null = loaded.data;
  useEffect(() => setDraft(b ? { ...b.narrative } : null), [b]);
  const doc = useMemo(() => (b && draft ? briefingDoc({ ...b, narrative: draft }) : null), [b, draft]);
  if (loaded.error) return <Alert type="error" showIcon title="无法打开简报" description={loaded.error} />;
  if (!b || !draft || !doc) return null;
  const dirty = SECTION_KEYS.filter((k) => draft[k] !== b.narrative[k]);
  const run = async (what: () => Promise<unknown>, ok: string) => {
    try {
      await what();
      message.success(ok);
      setReload((r) => r + 1);
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const download = async (method: 'briefings.docx' | 'briefings.workbook') => {
    try {
      // Word gets the same map as the printed page, drawn here (the core has no canvas).
      const svg = method === 'briefings.docx' && b ? officeMapSvg(b.figures.map) : null;
      const mapPng = svg ? await svgToPng(svg, MAP_W, MAP_H) : undefined;
      const f = method === 'briefings.docx' ? await call(method, { id, mapPng }) : await call(method, { id });
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      data-testid="briefing-editor"
      title={
        <Space wrap>
          <span>{doc.title}</span>
          <Tag color="red">{doc.issueLine}</Tag>
          <span>{doc.dateLine}</span>
        </Space>
      }
      extra={
        <Space wrap>
          {canWrite && (
            <Button
              type="primary"
              icon={<SaveOutlined />}
              disabled={!dirty.length}
              onClick={() => run(() => call('briefings.saveNarrative', { id, narrative: Object.fromEntries(dirty.map((k) => [k, draft[k]])) }), '已保存')}
              data-testid="briefing-save"
            >
              保存文字
            </Button>
          )}
          <Button
            icon={<PrinterOutlined />}
            href={`#/print/briefing/${id}`}
            disabled={dirty.length > 0}
            title={dirty.length ? '请先保存文字' : undefined}
            data-testid="briefing-print"
          >
            打印 / PDF
          </Button>
          <Button icon={<FileWordOutlined />} onClick={() => download('briefings.docx')} disabled={dirty.length > 0}>
            导出 Word
          </Button>
          <Button icon={<FileExcelOutlined />} onClick={() => download('briefings.workbook')}>
            导出数字报表
          </Button>
          <Button icon={<HistoryOutlined />} onClick={() => setHistory(true)}>
            修改历史
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        数字生成于 {dayjs(b.generatedAt).format('YYYY-MM-DD HH:mm')}（{b.generatedBy}），最后修改 {dayjs(b.updatedAt).format('YYYY-MM-DD HH:mm')}（{b.updatedBy}
        ）。数字取自数据，不能手工改；文字可以修改。
      </Typography.Paragraph>
      {b.changes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="briefing-changed"
          style={{ marginBottom: 12 }}
          title="生成后，该日的数据有变化"
          description={
            <>
              {b.changes
                .slice(0, 8)
                .map((c) => `${c.label} ${c.then.toLocaleString('zh-CN')} → ${c.now.toLocaleString('zh-CN')}`)
                .join('；')}
              {b.changes.length > 8 ? ` 等 ${b.changes.length} 项` : ''}。简报仍保持生成时的数字，需要时请重新生成。
            </>
          }
          action={
            canWrite && (
              <Popconfirm
                title="按当前数据重新生成数字？"
                description="手工修改过的段落会保留，其余段落按新数字重写。"
                okText="重新生成"
                cancelText="取消"
                onConfirm={() => run(() => call('briefings.regenerate', { id }), '已重新生成')}
              >
                <Button size="small" icon={<ReloadOutlined />} data-testid="briefing-regenerate">
                  重新生成
                </Button>
              </Popconfirm>
            )
          }
        />
      )}
      {doc.sections.map((s) => (
        <section key={s.key} className="briefing-section" data-testid={`section-${s.key}`}>
          <Typography.Title level={5}>
            {s.title} {b.edited.includes(s.key) && <Tag>已手工修改</Tag>}
          </Typography.Title>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 12 }}
            value={draft[s.key]}
            readOnly={!canWrite}
            maxLength={3000}
            aria-label={s.title}
            onChange={(e) => setDraft({ ...draft, [s.key]: e.target.value })}
          />
          {s.tables.map((t) => (
            <DocTableView key={t.caption} t={t} />
          ))}
        </section>
      ))}
      <Modal open={history} title="修改历史" footer={null} onCancel={() => setHistory(false)}>
        <List
          size="small"
          dataSource={versions.data ?? []}
          renderItem={(v) => (
            <List.Item>
              第 {v.version} 版 · {dayjs(v.ts).format('YYYY-MM-DD HH:mm')} · {v.username} · {ACTIONS[v.action]}
              {v.sections.length ? `（${v.sections.join('、')}）` : ''}
            </List.Item>
          )}
        />
      </Modal>
    </Card>
  );
}
