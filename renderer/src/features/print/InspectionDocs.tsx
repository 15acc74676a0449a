import { day } from './documents';
import type { Output } from '../../../../shared/api';
import { ProblemCategory, Responsible } from '../../../../shared/domain/enums';

type Notice = Output<'problems.notice'>;
type Report = Output<'inspections.report'>;

/** 整改通知书: one place's open problems with their deadlines, for the person responsible to sign. */
export function NoticeSheet({ notice, officeName, today }: { notice: Notice; officeName: string; today: string }) {
  const first = notice.problems[0];
  const who = first ? `${Responsible.labels[first.responsibleKind]}${first.responsibleName ? ` ${first.responsibleName}` : ''}` : (notice.responsible ?? '');
  return (
    <section className="doc">
      <h1>{officeName}疫情防控督查整改通知书</h1>
      <p>
        {who}（{notice.targetName}
        {notice.communityName ? `，${notice.communityName}` : ''}）：
      </p>
      <p style={{ textIndent: '2em' }}>经督查，你处存在以下疫情防控问题，请于期限内整改到位并报告，街道将进行复查。逾期未整改的，将予以通报。</p>
      <table>
        <thead>
          <tr>
            <th>序号</th>
            <th>发现日期</th>
            <th>类别</th>
            <th>问题</th>
            <th>整改期限</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {notice.problems.map((p, i) => (
            <tr key={p.id}>
              <td className="num">{i + 1}</td>
              <td>{p.foundOn}</td>
              <td>{ProblemCategory.labels[p.category]}</td>
              <td>{p.description ?? p.item}</td>
              <td>{p.deadline}</td>
              <td>{p.status === 'overdue' ? '已逾期' : p.status === 'fixed' ? '待复查' : '待整改'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {notice.problems.length === 0 && <p className="note">该点位目前没有未销号的问题。</p>}
      <div className="signs">
        <span>责任人签收：</span>
        <span>签收日期：　　年　　月　　日</span>
      </div>
      <div className="stamp">
        {officeName}疫情防控指挥部办公室
        <br />
        {day(today)}
      </div>
    </section>
  );
}

/** 督查通报 for a period: counts by category, community and kind of place; fixed on time; the overdue named. */
export function ReportSheet({ report, officeName }: { report: Report; officeName: string }) {
  const rate = report.problems ? Math.round(((report.fixedOnTime + report.fixedLate) / report.problems) * 1000) / 10 : 0;
  const groups: [string, { label: string; found: number; closed: number }[]][] = [
    ['按问题类别', report.byCategory],
    ['按社区', report.byCommunity],
    ['按点位类型', report.byTargetKind],
  ];
  return (
    <section className="doc">
      <h1>{officeName}疫情防控督查通报</h1>
      <div className="meta">
        <span>
          通报期间：{day(report.from)} — {day(report.to)}
        </span>
      </div>
      <p style={{ textIndent: '2em' }}>
        期间共开展督查 {report.inspections} 次，检查点位 {report.targets} 处，发现问题 {report.problems} 条；已整改销号 {report.fixedOnTime + report.fixedLate}{' '}
        条（整改率 {rate}%），其中按期整改 {report.fixedOnTime} 条、逾期后整改 {report.fixedLate} 条；目前逾期未整改 {report.overdue.length} 条，现予通报。
      </p>
      {groups.map(([title, rows]) => (
        <table key={title} style={{ marginBottom: '4mm' }}>
          <caption style={{ textAlign: 'left', fontWeight: 600 }}>{title}</caption>
          <thead>
            <tr>
              <th>{title.slice(1)}</th>
              <th>发现</th>
              <th>已销号</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <td>{r.label}</td>
                <td className="num">{r.found}</td>
                <td className="num">{r.closed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <table>
        <caption style={{ textAlign: 'left', fontWeight: 600 }}>逾期未整改问题</caption>
        <thead>
          <tr>
            <th>点位</th>
            <th>问题</th>
            <th>责任方</th>
            <th>期限</th>
            <th>逾期天数</th>
          </tr>
        </thead>
        <tbody>
          {report.overdue.map((o) => (
            <tr key={o.id}>
              <td>{o.targetName}</td>
              <td>{o.item}</td>
              <td>{o.responsible}</td>
              <td>{o.deadline}</td>
              <td className="num">{o.daysOver}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
