import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Output } from '../../../../shared/api';
import { percent } from '../../../../shared/domain/briefing-figures';
import { call } from '../../api/client';
import { fmt } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';

type Live = Output<'dashboard.live'>;

/** Change since yesterday, coloured by whether more is good news for this figure. */
function Delta({ now, before, moreIsBad, when = '昨日' }: { now: number; before: number; moreIsBad?: boolean; when?: string }) {
  const d = now - before;
  if (d === 0) return <span className="delta same">与{when}持平</span>;
  const bad = moreIsBad ? d > 0 : d < 0;
  return (
    <span className={`delta ${bad ? 'bad' : 'good'}`}>
      {d > 0 ? <ArrowUpOutlined /> : <ArrowDownOutlined />} 较{when}
      {d > 0 ? '增加' : '减少'} {fmt(Math.abs(d))}
    </span>
  );
}

interface Tile {
  id: string;
  title: string;
  value: ReactNode;
  sub?: ReactNode;
  href: string;
}

/** One key figure: the number, its comparison, and a click through to the list behind it. */
function FigureTile({ t }: { t: Tile }) {
  return (
    <a
      href={t.href}
      className="figure-tile"
      data-testid={`live-${t.id}`}
      // The alerts are on this page: a link to it would not move, so scroll to them.
      onClick={
        t.href.startsWith('#/overview') ? (e) => (e.preventDefault(), document.getElementById('alerts')?.scrollIntoView({ behavior: 'smooth' })) : undefined
      }
    >
      <Card size="small" hoverable>
        <div className="figure-title">{t.title}</div>
        <div className="figure-value">{t.value}</div>
        <div className="figure-sub">{t.sub}</div>
      </Card>
    </a>
  );
}

function tiles(d: Live): Tile[] {
  const t = d.today.totals;
  const y = d.yesterday;
  // Flows of the day so far are compared with yesterday up to the same time, not with all of yesterday.
  const sameTime = (k: keyof Live['yesterdaySoFar'], moreIsBad = false) => (
    <Delta now={t[k]} before={d.yesterdaySoFar[k]} moreIsBad={moreIsBad} when="昨日同时段" />
  );
  const follow = percent(t.followupsDone, t.followupsDue);
  const cover = percent(t.screenReached, t.screenHouseholds);
  return [
    {
      id: 'shift',
      title: '本班卡点到岗',
      value: d.shift.required ? `${fmt(d.shift.staffed)} / ${fmt(d.shift.required)}` : '未排班',
      sub: d.shift.short.length ? (
        <span className="delta bad">
          缺人：{d.shift.short.slice(0, 3).join('、')}
          {d.shift.short.length > 3 ? ` 等 ${d.shift.short.length} 个` : ''}
        </span>
      ) : d.shift.required ? (
        '各卡点人员到齐'
      ) : (
        '当前没有排班表覆盖'
      ),
      href: '#/volunteers?tab=roster',
    },
    { id: 'regPeople', title: '今日登记人员', value: fmt(t.regPeople), sub: sameTime('regPeople'), href: '#/residents?tab=daily' },
    { id: 'regVehicles', title: '今日登记车辆', value: fmt(t.regVehicles), sub: sameTime('regVehicles'), href: '#/residents?tab=daily' },
    { id: 'regAbnormal', title: '体温异常', value: fmt(t.regAbnormal), sub: sameTime('regAbnormal', true), href: '#/residents?tab=daily' },
    {
      id: 'keyUnder',
      title: '在管重点人员',
      value: fmt(t.keyUnder),
      sub: `今日新增 ${fmt(t.keyNew)}，解除 ${fmt(t.keyReleased)}；居家 ${fmt(t.keyHomeObservation + t.keyHomeIsolation)}，集中 ${fmt(t.keyCentralQuarantine)}，监测 ${fmt(t.keyHealthMonitoring)}`,
      href: '#/residents?tab=keyPersons',
    },
    {
      id: 'followups',
      title: '今日随访',
      value: `${fmt(t.followupsDone)} / ${fmt(t.followupsDue)}`,
      sub: follow === null ? '今日无应随访人员' : `完成 ${follow}%（昨日 ${percent(y.followupsDone, y.followupsDue) ?? '—'}%）`,
      href: '#/residents?tab=followups',
    },
    {
      id: 'screening',
      title: '入户排查覆盖',
      value: cover === null ? '—' : `${cover}%`,
      sub: d.today.campaignName ? `${d.today.campaignName}：${fmt(t.screenReached)} / ${fmt(t.screenHouseholds)} 户` : '没有排查活动',
      href: '#/residents?tab=campaign',
    },
    {
      id: 'supplies',
      title: '物资保障',
      value: d.today.scarcest ? `${d.today.scarcest.daysOfCover} 天` : '—',
      sub: `${d.today.scarcest ? `最紧缺：${d.today.scarcest.name}；` : ''}今日发放 ${fmt(t.plansIssued)} 批，接收捐赠 ${fmt(t.donations)} 批${t.lowStockItems ? `，${t.lowStockItems} 种不足` : ''}`,
      href: '#/supplies?tab=overview',
    },
    {
      id: 'problems',
      title: '督查问题未销号',
      value: fmt(t.problemsOpen),
      sub: (
        <span className={t.problemsOverdue ? 'delta bad' : 'delta same'}>
          逾期 {fmt(t.problemsOverdue)}；今日发现 {fmt(t.problemsNew)}，销号 {fmt(t.problemsClosed)}
        </span>
      ),
      href: t.problemsOverdue ? '#/inspections?tab=problems&status=overdue' : '#/inspections?tab=problems',
    },
    {
      id: 'disinfection',
      title: '今日消杀',
      value: `${fmt(t.disinfectDone)} / ${fmt(t.disinfectDue)}`,
      sub: `完成 ${percent(t.disinfectDone, t.disinfectDue) ?? '—'}%（昨日 ${percent(y.disinfectDone, y.disinfectDue) ?? '—'}%）`,
      href: '#/inspections?tab=disinfection',
    },
    {
      id: 'alertsOpen',
      title: '待处置预警',
      value: fmt(t.alertsOpen),
      sub: (
        <span className={t.alertsOpen ? 'delta bad' : 'delta same'}>
          今日新增 {fmt(t.alertsRaised)}，已处置 {fmt(t.alertsHandled)}
        </span>
      ),
      href: '#/overview?focus=alerts',
    },
  ];
}

const md = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** 总览's live half: today's figures against yesterday's, and the charts behind them. */
export function LiveFigures({ version }: { version: string }) {
  const live = useLoad(() => call('dashboard.live', {}), [version]);
  if (live.error) return <Alert type="error" showIcon title="无法读取今日数据" description={live.error} />;
  if (!live.data) return <Skeleton active />;
  const d = live.data;
  const trend = d.trend.map((r) => ({ ...r, label: md(r.day), followRate: percent(r.followupsDone, r.followupsDue) }));
  const stock = d.today.supplies.filter((s) => s.onHand > 0 || s.low).map((s) => ({ name: s.name, onHand: s.onHand, low: s.low, unit: s.unit }));
  const coverage = d.today.byCommunity
    .filter((c) => c.screenHouseholds > 0)
    .map((c) => ({ name: c.name, rate: percent(c.screenReached, c.screenHouseholds) ?? 0 }));
  return (
    <>
      <Row gutter={[12, 12]} data-testid="live-figures">
        {tiles(d).map((t) => (
          <Col key={t.id} xs={12} md={8} xl={6} xxl={4}>
            <FigureTile t={t} />
          </Col>
        ))}
      </Row>
      <Typography.Text type="secondary" className="live-stamp" data-testid="live-stamp">
        数据更新于 {new Date(d.now).toLocaleTimeString('zh-CN', { hour12: false })}，有新数据时自动刷新
      </Typography.Text>
      <Row gutter={[16, 16]} style={{ marginTop: 8 }}>
        <Col xs={24} xl={8}>
          <Card size="small" title="近 14 天卡点登记" data-testid="chart-registrations">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={trend} onClick={() => (location.hash = '#/residents?tab=daily')}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" fontSize={11} />
                <YAxis fontSize={11} width={48} />
                <Tooltip />
                <Legend />
                <Line type="monotone" dataKey="regPeople" name="人员（人次）" stroke="#1677ff" dot={false} isAnimationActive={false} />
                <Line type="monotone" dataKey="regVehicles" name="车辆（辆次）" stroke="#fa8c16" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="近 14 天在管重点人员与随访完成率" data-testid="chart-key-persons">
            <ResponsiveContainer width="100%" height={220}>
              <LineChart data={trend} onClick={() => (location.hash = '#/residents?tab=keyPersons')}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" fontSize={11} />
                <YAxis yAxisId="n" fontSize={11} width={40} />
                <YAxis yAxisId="p" orientation="right" domain={[0, 100]} unit="%" fontSize={11} width={44} />
                <Tooltip />
                <Legend />
                <Line yAxisId="n" type="monotone" dataKey="keyUnder" name="在管（人）" stroke="#cf1322" dot={false} isAnimationActive={false} />
                <Line yAxisId="p" type="monotone" dataKey="followRate" name="随访完成率" stroke="#389e0d" dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="重点物资库存" data-testid="chart-stock">
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={stock} layout="vertical" margin={{ left: 8 }} onClick={() => (location.hash = '#/supplies?tab=overview')}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" fontSize={11} />
                <YAxis type="category" dataKey="name" width={92} fontSize={11} />
                <Tooltip formatter={(v, _n, p) => [`${fmt(Number(v))} ${(p.payload as { unit: string }).unit}`, '库存']} />
                <Bar dataKey="onHand" name="库存" isAnimationActive={false}>
                  {stock.map((s) => (
                    <Cell key={s.name} fill={s.low ? '#cf1322' : '#1677ff'} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={`各社区入户排查覆盖率${d.today.campaignName ? `（${d.today.campaignName}）` : ''}`} data-testid="chart-coverage">
            {coverage.length === 0 ? (
              <Typography.Text type="secondary">没有进行中的入户排查</Typography.Text>
            ) : (
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={coverage} onClick={() => (location.hash = '#/residents?tab=campaign')}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="name" fontSize={11} interval={0} angle={-20} textAnchor="end" height={48} />
                  <YAxis domain={[0, 100]} unit="%" fontSize={11} width={44} />
                  <Tooltip formatter={(v) => [`${v}%`, '覆盖率']} />
                  <Bar dataKey="rate" name="覆盖率" fill="#13c2c2" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
