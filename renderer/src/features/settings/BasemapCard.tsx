import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Popconfirm, Radio, Select, Space, Table, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { Basemap } from '../../../../shared/api/map';
import { MAX_TILE_PACK_BYTES, TOO_LARGE_MESSAGE } from '../../../../shared/api/map-tiles';
import { call } from '../../api/client';
import { fmt, fmtBytes } from '../../lib/format';
import { readBase64 } from '../../lib/readFile';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues, zodRule } from '../../lib/zodRule';

type Pack = Output<'tiles.list'>[number];

const zooms = (p: Pack) => (p.minzoom === p.maxzoom ? `${p.minzoom} 级` : `${p.minzoom}–${p.maxzoom} 级`);

/**
 * 地图底图: none (schematic, works offline), an imported offline tile pack (.mbtiles kept
 * in the data folder), or an online XYZ server; packs and online tiles declare their
 * coordinate system so overlays line up.
 */
export function BasemapCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const current = useLoad(() => call('map.basemap', {}), []);
  const packs = useLoad(() => call('tiles.list', {}), []);
  const [importing, setImporting] = useState(false);
  const source: string | undefined = Form.useWatch('source', form);
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data);
  }, [current.data, form]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('map.setBasemap', { url: '', crs: 'WGS84', ...v });
      message.success('底图设置已保存，重新打开地图后生效');
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };

  const importPack = async (file: File) => {
    if (file.size > MAX_TILE_PACK_BYTES) return void message.error(`“${file.name}”：${TOO_LARGE_MESSAGE}`);
    setImporting(true);
    try {
      const pack = await call('tiles.import', { fileName: file.name, base64: await readBase64(file) });
      packs.reload();
      form.setFieldsValue({ source: `pack:${pack.id}` });
      message.success(`已导入“${pack.name}”（${fmt(pack.tiles)} 个瓦片，缩放 ${zooms(pack)}），已选为底图，点击“保存”后生效`);
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setImporting(false);
    }
  };

  const removePack = async (p: Pack) => {
    try {
      await call('tiles.remove', { id: p.id });
      message.success(`已删除离线瓦片包“${p.name}”`);
      packs.reload();
      current.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const sourceOptions = [
    { value: 'none', label: '无底图（示意图，离线可用）' },
    ...(packs.data ?? []).map((p) => ({ value: `pack:${p.id}`, label: `离线瓦片包：${p.name}` })),
    { value: 'online', label: '在线底图' },
  ];

  return (
    <Card title="地图底图" size="small" style={{ marginTop: 16 }}>
      <Form form={form} layout="vertical" initialValues={{ source: 'none', url: '', crs: 'WGS84' }}>
        <Form.Item name="source" label="底图来源">
          <Radio.Group options={sourceOptions} />
        </Form.Item>
        {source === 'online' && (
          <Form.Item
            name="url"
            label="瓦片地址（XYZ 模板）"
            rules={[zodRule(Basemap.shape.url)]}
            extra="例如单位内网或天地图等服务的地址，须包含 {z}、{x}、{y}；{s} 表示 a/b/c 子域名。"
          >
            <Input placeholder="https://…/{z}/{x}/{y}.png" />
          </Form.Item>
        )}
        {source !== undefined && source !== 'none' && (
          <Form.Item name="crs" label="底图坐标系" extra="高德、腾讯等来源的瓦片是 GCJ-02，选错会使小区、卡点整体偏移数百米。">
            <Select
              options={[
                { value: 'WGS84', label: 'WGS-84（天地图、OSM 等）' },
                { value: 'GCJ02', label: 'GCJ-02（高德、腾讯等）' },
              ]}
              style={{ width: 260 }}
            />
          </Form.Item>
        )}
        <Button type="primary" onClick={save}>
          保存
        </Button>
      </Form>

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        离线瓦片包
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        没有网络的电脑可使用 .mbtiles 格式的栅格瓦片包（png/jpg，覆盖本街道即可）作底图。导入后文件保存在数据目录中，不需要联网。
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload accept=".mbtiles" showUploadList={false} beforeUpload={(f) => (void importPack(f), false)} disabled={importing}>
          <Button icon={<UploadOutlined />} loading={importing} data-testid="tiles-import">
            导入离线瓦片包（.mbtiles）
          </Button>
        </Upload>
        <Table<Pack>
          size="small"
          rowKey="id"
          pagination={false}
          loading={packs.loading}
          dataSource={packs.data ?? []}
          locale={{ emptyText: '尚未导入离线瓦片包' }}
          columns={[
            { title: '名称', dataIndex: 'name' },
            { title: '文件', dataIndex: 'fileName' },
            { title: '缩放级别', render: (_, p) => zooms(p) },
            { title: '瓦片数', dataIndex: 'tiles', render: (n: number) => fmt(n) },
            { title: '大小', dataIndex: 'size', render: (n: number) => fmtBytes(n) },
            { title: '导入时间', dataIndex: 'importedAt', render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm') },
            {
              title: '操作',
              render: (_, p) => (
                <Popconfirm
                  title={`删除“${p.name}”？`}
                  description="文件将从数据目录删除；正用作底图时改为无底图。"
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => removePack(p)}
                >
                  <Button type="link" danger size="small">
                    删除
                  </Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Space>
    </Card>
  );
}
