import { Tag } from 'antd';
import dayjs from 'dayjs';
import type { GateResult } from './useGate';
import './gate.css';

/** The answer to a scan, readable from a step away: green 通过 or red 拒绝 with the reason. */
export function Verdict({ result }: { result: GateResult | null }) {
  if (!result) return null;
  return (
    <div
      className={`gate-verdict ${result.ok ? 'pass' : 'refuse'}`}
      data-testid="gate-verdict"
      data-ok={result.ok ? 'yes' : 'no'}
      data-at={result.at}
      role="status"
    >
      <div className="gate-verdict-word">{result.ok ? '通过' : '拒绝'}</div>
      {result.reason && <div className="gate-verdict-reason">{result.reason}</div>}
      <div className="gate-verdict-who">
        {result.passNo && <span>出入证 {result.passNo}</span>}
        {result.holder && <span>持证人 {result.holder}</span>}
        <span>{dayjs(result.at).format('HH:mm:ss')}</span>
        {result.offline && <Tag color="gold">离线核验</Tag>}
      </div>
    </div>
  );
}
