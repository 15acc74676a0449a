import { Card, Progress, Space } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';

/**
 * Rows done / rows total of the preview or commit under way, polled while the page waits
 * for it (the server answers other calls between the steps of the work).
 */
export function RowProgress({ uploadId }: { uploadId: string }) {
  const [p, setP] = useState<{ phase: 'preview' | 'commit'; done: number; total: number } | null>(null);
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      while (!stop) {
        const next = await call('excel.progress', { uploadId }).catch(() => null);
        if (!stop) setP(next);
        await new Promise((r) => setTimeout(r, 300));
      }
    };
    void poll();
    return () => void (stop = true);
  }, [uploadId]);
  if (!p || p.total === 0) return null;
  return (
    <Card size="small">
      <Space style={{ width: '100%' }}>
        <span>
          {p.phase === 'preview' ? '正在检查' : '正在写入'} {p.done.toLocaleString()} / {p.total.toLocaleString()} 行
        </span>
        <Progress percent={Math.floor((p.done / p.total) * 100)} style={{ width: 320 }} status="active" data-testid="excel-row-progress" />
      </Space>
    </Card>
  );
}
