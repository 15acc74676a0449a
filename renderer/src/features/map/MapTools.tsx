import { DownOutlined } from '@ant-design/icons';
import { Alert, App, Button, Dropdown, Modal, Select, Space, Upload } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { downloadBase64 } from '../../lib/download';
import { useSession } from '../auth/me';
import { mapViewToPng } from './exportPng';

type Report = Output<'map.importGeoJson'>;

/** 导入导出: the view as PNG, the geometry as GeoJSON, and GeoJSON in (checked first, then applied). */
export function MapTools({ officeName, onImported }: { officeName: string; onImported: () => void }) {
  const { message } = App.useApp();
  const canWrite = useSession().can('places:write');
  const [importing, setImporting] = useState<{ fileName: string; text: string } | null>(null);
  const [system, setSystem] = useState<'WGS84' | 'GCJ02' | 'BD09'>('WGS84');
  const [report, setReport] = useState<Report | null>(null);

  const check = async (file: { fileName: string; text: string }, coordSystem = system) => {
    try {
      setReport(await call('map.importGeoJson', { ...file, coordSystem, apply: false }));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const apply = async () => {
    if (!importing) return;
    try {
      const r = await call('map.importGeoJson', { ...importing, coordSystem: system, apply: true });
      message.success(`已更新 ${r.compounds} 个小区边界、${r.checkpoints} 个卡点位置`);
      setImporting(null);
      onImported();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const run = async (key: string) => {
    try {
      if (key === 'png') {
        const blob = await mapViewToPng(document.querySelector('.map-canvas') as HTMLElement, `${officeName} · ${dayjs().format('YYYY-MM-DD HH:mm')}`);
        const url = URL.createObjectURL(blob);
        Object.assign(document.createElement('a'), { href: url, download: `地图-${dayjs().format('YYYY-MM-DD')}.png` }).click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }
      if (key === 'geojson') {
        const out = await call('map.exportGeoJson', {});
        downloadBase64(out.fileName, out.base64);
      }
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <Space>
        <Dropdown
          menu={{
            items: [
              { key: 'png', label: '导出当前视图（PNG 图片）' },
              { key: 'geojson', label: '导出 GeoJSON' },
            ],
            onClick: ({ key }) => run(key),
          }}
        >
          <Button>
            导出 <DownOutlined />
          </Button>
        </Dropdown>
        {canWrite && (
          <Upload
            accept=".geojson,.json"
            showUploadList={false}
            beforeUpload={async (f) => {
              const file = { fileName: f.name, text: await f.text() };
              setImporting(file);
              setReport(null);
              await check(file);
              return false;
            }}
          >
            <Button>导入 GeoJSON</Button>
          </Upload>
        )}
      </Space>
      <Modal
        open={!!importing}
        title={`导入 ${importing?.fileName ?? ''}`}
        okText="确认导入"
        cancelText="取消"
        onOk={apply}
        onCancel={() => setImporting(null)}
        okButtonProps={{ disabled: !report || report.compounds + report.checkpoints === 0 }}
      >
        <Space style={{ marginBottom: 12 }}>
          <span>文件的坐标系：</span>
          <Select
            value={system}
            style={{ width: 220 }}
            onChange={(v) => (setSystem(v), importing && check(importing, v))}
            options={[
              { value: 'WGS84', label: 'WGS-84（GPS、天地图）' },
              { value: 'GCJ02', label: 'GCJ-02（高德、腾讯）' },
              { value: 'BD09', label: 'BD-09（百度）' },
            ]}
          />
        </Space>
        {report && (
          <>
            <Alert type="info" showIcon title={`可对应：${report.compounds} 个小区边界、${report.checkpoints} 个卡点位置`} />
            {[...report.errors.map((e) => ({ ...e, type: 'error' as const })), ...report.warnings.map((w) => ({ ...w, type: 'warning' as const }))]
              .slice(0, 50)
              .map((i) => (
                <Alert
                  key={`${i.type}${i.feature}${i.message}`}
                  style={{ marginTop: 6 }}
                  type={i.type}
                  title={`第 ${i.feature} 个要素${i.name ? `（${i.name}）` : ''}：${i.message}`}
                />
              ))}
          </>
        )}
      </Modal>
    </>
  );
}
