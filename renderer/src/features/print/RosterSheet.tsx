import type { Output } from '../../../../shared/api';

type Grid = Output<'rosters.grid'>;
const WEEK = '日一二三四五六';
const head = (date: string) => `${date.slice(5)}（周${WEEK[new Date(`${date}T00:00:00Z`).getUTCDay()]}）`;

/** Weekly roster, one table per post: shifts down, days across, names in the cells (A4 landscape). */
export function RosterSheet({ grid, officeName, title }: { grid: Grid; officeName: string; title: string }) {
  return (
    <>
      {grid.posts.map((p) => (
        <section className="doc roster-doc" key={p.id}>
          <h1>
            {officeName}
            {title}
          </h1>
          <div className="meta">
            <span>岗位：{p.name}</span>
            <span>类型：{p.kindName}</span>
            <span>每班 {p.perShift} 人</span>
            <span>
              {grid.dates[0]} 至 {grid.dates.at(-1)}
            </span>
          </div>
          <table>
            <thead>
              <tr>
                <th>班次</th>
                {grid.dates.map((d) => (
                  <th key={d}>{head(d)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {p.shifts.map((label, shift) => (
                <tr key={shift}>
                  <td>{label}</td>
                  {grid.dates.map((d, day) => {
                    const cell = p.cells[day]![shift]!;
                    return (
                      <td key={d}>
                        {cell.map((a) => a.name).join('、')}
                        {cell.length < p.perShift ? `（缺 ${p.perShift - cell.length}）` : ''}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="signs">
            <span>带班负责人：＿＿＿＿＿＿</span>
            <span>联系电话：＿＿＿＿＿＿</span>
          </div>
        </section>
      ))}
    </>
  );
}
