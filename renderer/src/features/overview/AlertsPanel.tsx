import { AlertOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { hashParams } from '../../lib/hashParams';
import { useLoad } from '../../lib/useLoad';
import { useSession } from '../auth/me';
import { FormModal } from '../../lib/FormModal';

type AlertRow = Output<'alerts.open'>[number];

/** 待处理预警 on 总览: abnormal temperatures until someone records what was done; reloads when the data version moves. */
export function AlertsPanel({ version }: { version: string }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const alerts = useLoad(() => call('alerts.open', {}), [version]);
  const [acking, setAcking] = useState<AlertRow | null>(null);
  const [action, setAction] = useState('');
  const focus = hashParams().get('focus') === 'alerts';
  useEffect(() => {
    if (focus && alerts.data?.length) document.getElementById('alerts')?.scrollIntoView({ behavior: 'smooth' });
  }, [focus, alerts.data]);
  if (!alerts.data?.length) return null;
  const ack = async () => {
    try {
      await call('alerts.ack', { id: acking!.id, action });
      message.success('预警已处理');
      setAcking(null);
      alerts.reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      size="small"
      title={
        <span style={{ color: '#cf1322' }}>
          <AlertOutlined /> 待处理预警（{alerts.data.length}）
        </span>
      }
      style={{ marginBottom: 16, borderColor: '#ffa39e' }}
      data-testid="alerts"
      id="alerts"
    >
      <List
        size="small"
        dataSource={alerts.data}
        renderItem={(a) => (
          <List.Item
            actions={
              can('registrations:write')
                ? [
                    <Button key="ack" size="small" danger onClick={() => (setAction(''), setAcking(a))}>
                      处理
                    </Button>,
                  ]
                : []
            }
          >
            <Typography.Text>
              {dayjs(a.ts).format('MM-DD HH:mm')} {a.message}
            </Typography.Text>
          </List.Item>
        )}
      />
      <FormModal
        dirty={!!action.trim()}
        open={acking !== null}
        title="处理预警"
        okText="确认已处理"
        cancelText="取消"
        onOk={ack}
        onCancel={() => setAcking(null)}
        okButtonProps={{ disabled: action.trim().length < 2 }}
      >
        <p>{acking?.message}</p>
        <Input.TextArea
          rows={3}
          value={action}
          onChange={(e) => setAction(e.target.value)}
          placeholder="采取的措施，如：已复测、通知社区医生上门、转送发热门诊"
          aria-label="采取的措施"
          maxLength={200}
        />
      </FormModal>
    </Card>
  );
}
