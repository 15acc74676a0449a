import { PrinterOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Select, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { Output } from '../../../../shared/api';
import { DonorKind } from '../../../../shared/domain/enums';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';
import { showFieldIssues } from '../../lib/zodRule';
import { LinesField } from './LinesField';
import type { SupplyRefs } from './useRefs';
import { FormModal } from '../../lib/FormModal';

type DonationRow = Output<'donations.list'>['rows'][number];
const lineText = (lines: DonationRow['lines']) => lines.map((l) => `${l.itemName} ${l.qty.toLocaleString('zh-CN')} ${l.unit}`).join('、');

/** 捐赠登记: each donation goes into stock with a receipt number; receipts and the thank-you list print from here. */
export function DonationsTab({ refs, canWrite, onChanged }: { refs: SupplyRefs; canWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const [version, setVersion] = useState(0);
  const list = useLoad(() => call('donations.list', { page, pageSize: 20 }), [page, version]);
  const totals = useLoad(() => call('donations.totals', {}), [version]);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const d = await call('donations.create', { ...v, receivedOn: (v.receivedOn as dayjs.Dayjs).format('YYYY-MM-DD') });
      setOpen(false);
      setVersion((x) => x + 1);
      onChanged();
      message.success(`已登记并入库，凭证编号 ${d.receiptNo}`);
    } catch (e) {
      showFieldIssues(form, e);
      message.error((e as Error).message);
    }
  };
  return (
    <>
      <div className="toolbar">
        <span className="spacer" />
        <Button icon={<PrinterOutlined />} href="#/print/thanks">
          感谢名单
        </Button>
        {canWrite && (
          <Button
            type="primary"
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ receivedOn: dayjs(), warehouseId: refs.warehouses[0]?.value, lines: [{}] });
              setOpen(true);
            }}
          >
            登记捐赠
          </Button>
        )}
      </div>
      <Table<DonationRow>
        size="small"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (t) => `共 ${t} 次` }}
        scroll={{ x: 1000 }}
        columns={[
          { title: '凭证编号', dataIndex: 'receiptNo', width: 120 },
          { title: '接收日期', dataIndex: 'receivedOn', width: 100 },
          { title: '捐赠方', dataIndex: 'donorName', width: 200 },
          { title: '类型', dataIndex: 'donorKind', width: 110, render: (k: DonationRow['donorKind']) => DonorKind.labels[k] },
          { title: '物资', key: 'lines', render: (_, d) => lineText(d.lines) },
          { title: '入库仓库', dataIndex: 'warehouseName', width: 110 },
          {
            title: '操作',
            key: 'print',
            width: 110,
            fixed: 'right',
            render: (_, d) => (
              <Button type="link" size="small" href={`#/print/receipt/${d.id}`}>
                打印凭证
              </Button>
            ),
          },
        ]}
      />
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title="按物资汇总（与台账一致）">
            <Table
              size="small"
              rowKey="itemId"
              pagination={false}
              dataSource={totals.data?.byItem ?? []}
              columns={[
                { title: '物资', dataIndex: 'itemName' },
                { title: '合计', key: 'q', align: 'right', render: (_, i) => `${i.qty.toLocaleString('zh-CN')} ${i.unit}` },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="按捐赠方汇总">
            <Table
              size="small"
              rowKey="donorId"
              pagination={false}
              dataSource={totals.data?.byDonor ?? []}
              columns={[
                { title: '捐赠方', dataIndex: 'donorName', width: 200 },
                { title: '次数', dataIndex: 'donations', width: 60, align: 'right' },
                { title: '物资', key: 'items', render: (_, d) => d.items.map((i) => `${i.itemName} ${i.qty.toLocaleString('zh-CN')} ${i.unit}`).join('、') },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <FormModal
        form={form}
        open={open}
        title="登记捐赠"
        okText="登记并入库"
        cancelText="取消"
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        width={620}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="donorId" label="捐赠方" rules={[{ required: true, message: '请选择捐赠方（新捐赠方请先在“捐赠方”中登记）' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={refs.donors} placeholder="选择捐赠方" />
          </Form.Item>
          <Form.Item name="receivedOn" label="接收日期" rules={[{ required: true, message: '请选择接收日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="warehouseId" label="入库仓库" rules={[{ required: true, message: '请选择仓库' }]}>
            <Select options={refs.warehouses} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item label="捐赠物资" required>
            <LinesField items={refs.items} />
          </Form.Item>
          <Form.Item name="note" label="备注">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </FormModal>
    </>
  );
}
