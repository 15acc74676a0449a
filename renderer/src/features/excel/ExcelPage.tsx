import { InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Progress, Radio, Result, Select, Space, Steps, Upload } from 'antd';
import { useState } from 'react';
import { call } from '../../api/client';
import type { Output } from '../../../../shared/api';
import { downloadBase64 } from '../../lib/download';
import { useLoad } from '../../lib/useLoad';
import { MappingCard } from './MappingCard';
import { PreviewTable } from './PreviewTable';
import { RowProgress } from './RowProgress';

type Table = string;
type Preview = Output<'excel.preview'>;
type Committed = Output<'excel.commit'>;

/** What the commit did, in the words of the preview: 无变化 for rows already there as they are, 跳过 only for rows the user chose not to update. */
const committedSummary = (d: Committed) =>
  [
    `新增 ${d.created} 条，更新 ${d.updated} 条，无变化 ${d.unchanged} 条`,
    d.skipped ? `，跳过 ${d.skipped} 条（已有数据，选择了跳过）` : '',
    d.excluded ? `，排除错误行 ${d.excluded} 条` : '',
    d.backedUp ? '。导入前已自动备份。' : '。没有写入任何数据，未做备份。',
  ].join('');

/**
 * 数据导入导出: template → file → sheet and column mapping → preview with every row's
 * status → one all-or-nothing commit. Nothing is written before 确认导入.
 */
export function ExcelPage() {
  const { message } = App.useApp();
  const tables = useLoad(() => call('excel.tables', {}), []);
  const [chosen, setTable] = useState<Table | null>(null);
  // The first table the role may import, until the user picks one.
  const table = chosen ?? tables.data?.[0]?.name ?? 'compounds';
  const [upload, setUpload] = useState<{ uploadId: string; fileName: string; sheets: { name: string; rows: number }[] } | null>(null);
  const [sheet, setSheet] = useState<string | undefined>();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [onDuplicate, setOnDuplicate] = useState<'update' | 'skip'>('update');
  const [excludeErrors, setExcludeErrors] = useState(false);
  const [done, setDone] = useState<Committed | null>(null);
  /** jobId is null while the file is still being read and sent. */
  const [parsing, setParsing] = useState<{ jobId: string | null; progress: number } | null>(null);
  const columns = tables.data?.find((t) => t.name === table)?.columns ?? [];

  const reset = () => (setUpload(null), setPreview(null), setError(null), setDone(null), setSheet(undefined));
  const runPreview = async (uploadId: string, s?: string, mapping?: (string | null)[]) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await call('excel.preview', { uploadId, sheet: s, mapping }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  /** Parsing runs in a worker on the server side; poll its stage, allow 取消. */
  const chooseFile = async (file: File) => {
    reset();
    if (file.size === 0) {
      setError(`文件“${file.name}”是空的（0 字节），里面没有任何内容；请确认选对了文件，或在 Excel/WPS 中重新保存后再导入`);
      return false;
    }
    setBusy(true);
    // The bar shows at once: reading and sending a big file takes seconds before the server has a job to report on.
    setParsing({ jobId: null, progress: 1 });
    try {
      // The file's bytes as they are: no base64 to build (seconds for a big file on an old PC).
      const { jobId } = await call('excel.upload', { table: table as never, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      setParsing({ jobId, progress: 5 });
      for (;;) {
        await new Promise((r) => setTimeout(r, 250));
        const job = await call('excel.job', { jobId });
        setParsing((p) => (p ? { ...p, progress: job.progress } : p));
        if (job.state === 'cancelled') return false;
        if (job.state === 'failed') throw new Error(job.error ?? '解析失败');
        if (job.state === 'done' && job.uploadId) {
          setParsing(null);
          setUpload({ uploadId: job.uploadId, fileName: file.name, sheets: job.sheets });
          await runPreview(job.uploadId);
          return false;
        }
      }
    } catch (e) {
      setParsing(null);
      setError((e as Error).message);
      setBusy(false);
    }
    return false;
  };
  const cancelParsing = async () => {
    if (!parsing?.jobId) return;
    await call('excel.cancel', { jobId: parsing.jobId }).catch(() => undefined);
    setParsing(null);
    setBusy(false);
    message.info('已取消，未写入任何数据');
  };
  const commit = async () => {
    if (!upload) return;
    setBusy(true);
    try {
      const result = await call('excel.commit', { uploadId: upload.uploadId, onDuplicate, excludeErrors });
      setDone(result);
      message.success(result.rowCount ? `已导入：新增 ${result.created} 条，更新 ${result.updated} 条` : '没有需要写入的数据');
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const download = async (what: () => Promise<{ fileName: string; base64: string }>) => {
    try {
      const f = await what();
      downloadBase64(f.fileName, f.base64);
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  if (tables.data && tables.data.length === 0) {
    return <Result status="info" title="当前角色不能导入数据" subTitle="可以在各列表页用“导出 Excel”导出当前筛选的数据。" />;
  }
  const step = done ? 3 : preview ? 2 : upload ? 1 : 0;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Steps current={step} items={[{ title: '选择数据和文件' }, { title: '确认列对应' }, { title: '预览并导入' }, { title: '完成' }]} />
      <Card size="small">
        <Space wrap>
          <span>导入到：</span>
          <Radio.Group
            value={table}
            onChange={(e) => (setTable(e.target.value), reset())}
            optionType="button"
            options={(tables.data ?? []).map((t) => ({ value: t.name, label: t.label }))}
          />
          <Button onClick={() => download(() => call('excel.template', { table: table as never }))}>下载导入模板</Button>
        </Space>
        <Upload.Dragger
          style={{ marginTop: 12 }}
          accept=".xlsx,.xls,.et,.csv,.ods"
          showUploadList={false}
          beforeUpload={chooseFile}
          disabled={busy}
          data-testid="excel-file"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>点击或拖入 Excel / WPS / CSV 文件（.xlsx .xls .et .csv .ods，最大 50 MB、20 万行）</p>
          {upload && <p>当前文件：{upload.fileName}</p>}
        </Upload.Dragger>
      </Card>
      {parsing && (
        <Card size="small">
          <Space style={{ width: '100%' }}>
            <span>{parsing.jobId ? '正在解析文件…' : '正在读取并上传文件…'}</span>
            <Progress percent={parsing.progress} style={{ width: 320 }} status="active" data-testid="excel-progress" />
            <Button onClick={cancelParsing} disabled={!parsing.jobId}>
              取消
            </Button>
          </Space>
        </Card>
      )}
      {busy && upload && !done && <RowProgress uploadId={upload.uploadId} />}
      {error && <Alert type="error" showIcon title={error} role="alert" />}
      {upload && upload.sheets.length > 1 && (
        <Space>
          <span>工作表：</span>
          <Select
            style={{ minWidth: 200 }}
            value={sheet ?? preview?.sheet}
            options={upload.sheets.map((s) => ({ value: s.name, label: `${s.name}（${s.rows} 行）` }))}
            onChange={(s) => (setSheet(s), runPreview(upload.uploadId, s))}
          />
        </Space>
      )}
      {upload && (preview || error) && (
        <MappingCard
          key={`${upload.uploadId}|${preview?.sheet}`}
          headers={preview?.headers ?? []}
          mapping={preview?.mapping ?? []}
          columns={columns}
          busy={busy}
          onApply={(mapping) => runPreview(upload.uploadId, sheet, mapping)}
        />
      )}
      {preview && !done && (
        <Card size="small" title={`预览：共 ${preview.total} 行（表头在第 ${preview.headerRow} 行）`}>
          {preview.notes.length > 0 && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              data-testid="preview-notes"
              title={preview.notes.map((n) => (
                <div key={n}>{n}</div>
              ))}
            />
          )}
          <PreviewTable
            key={`${upload?.uploadId}|${preview.sheet}|${preview.mapping.join()}`}
            preview={preview}
            columns={columns}
            onPage={(page, status) =>
              call('excel.preview', { uploadId: upload!.uploadId, page, pageSize: 50, status }).then(setPreview, (e: Error) => message.error(e.message))
            }
          />
          <Space wrap style={{ marginTop: 12 }}>
            <span>已有的数据：</span>
            <Radio.Group
              value={onDuplicate}
              onChange={(e) => setOnDuplicate(e.target.value)}
              options={[
                { value: 'update', label: '更新' },
                { value: 'skip', label: '跳过' },
              ]}
            />
            {preview.counts.error > 0 && (
              <>
                <Checkbox checked={excludeErrors} onChange={(e) => setExcludeErrors(e.target.checked)}>
                  跳过 {preview.counts.error} 行错误数据
                </Checkbox>
                <Button onClick={() => download(() => call('excel.errorReport', { uploadId: upload!.uploadId }))}>下载错误行</Button>
              </>
            )}
            <Button type="primary" loading={busy} disabled={preview.counts.error > 0 && !excludeErrors} onClick={commit}>
              确认导入
            </Button>
          </Space>
        </Card>
      )}
      {done && <Result status="success" title="导入完成" subTitle={committedSummary(done)} extra={<Button onClick={reset}>继续导入</Button>} />}
    </Space>
  );
}
