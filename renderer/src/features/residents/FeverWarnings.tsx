import { Alert, App, Button } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { call } from '../../api/client';
import { useLoad } from '../../lib/useLoad';

/**
 * Fever warnings of this checkpoint that nobody at the gate has acknowledged yet. They stay
 * on screen through the next registrations and a reload (they are read from the open alerts)
 * until someone presses 已知晓, which is recorded with their name; the alert itself stays
 * open on 总览 for the command centre to act on.
 */
export function FeverWarnings({ checkpointId, version, onSeen }: { checkpointId: number | undefined; version: number; onSeen: () => void }) {
  const { message } = App.useApp();
  const [seen, setSeen] = useState(0);
  // The version read is kept with the answer, so a test (or a person) can tell a stale list from a fresh one.
  const alerts = useLoad(async () => ({ version, rows: await call('alerts.open', {}) }), [version, seen]);
  const mine = (alerts.data?.rows ?? []).filter((a) => a.kind === 'temperature' && a.checkpointId === checkpointId && !a.seenAt);
  const acknowledge = async (id: number) => {
    // The cursor goes back to the form at once: the next scan must not land on this button.
    onSeen();
    try {
      await call('alerts.seen', { id });
      setSeen((x) => x + 1);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <div data-testid="fever-warnings" data-version={alerts.data?.version ?? -1} style={{ display: 'grid', gap: 8, marginBottom: mine.length ? 8 : 0 }}>
      {mine.map((a) => (
        <Alert
          key={a.id}
          type="error"
          showIcon
          data-testid="fever-warning"
          title={`${dayjs(a.ts).format('HH:mm')} 体温异常：${a.message}`}
          description="已向指挥中心预警。请引导至临时留观点复测，不要直接放行；看到后点“已知晓”。"
          action={
            <Button danger size="small" onClick={() => void acknowledge(a.id)}>
              已知晓
            </Button>
          }
        />
      ))}
    </div>
  );
}
