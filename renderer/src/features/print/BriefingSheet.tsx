import type { Output } from '../../../../shared/api';
import { briefingDoc } from '../../../../shared/domain/briefing-doc';
import { ControlLevel, type ControlLevelCode } from '../../../../shared/domain/enums';

type Briefing = Output<'briefings.get'>;

const LEVEL_COLOURS: Record<ControlLevelCode, string> = { sealed: '#cf1322', controlled: '#fa8c16', precaution: '#a0d911', normal: '#8c8c8c' };
/** Higher control levels are drawn last, on top. */
const DRAW_ORDER: ControlLevelCode[] = ['normal', 'precaution', 'controlled', 'sealed'];

/**
 * The office drawn from the frozen points: compounds coloured by control level, active
 * checkpoints as small triangles. An SVG, so it prints sharp and needs no map tiles
 * (offline, and the same on every PC).
 */
export function OfficeMap({ map }: { map: Briefing['figures']['map'] }) {
  const pts = [...map.compounds.map(([x, y]) => [x, y]), ...map.checkpoints];
  if (!pts.length) return null;
  const W = 640;
  const H = 340;
  const pad = 14;
  const xs = pts.map((p) => p[0]!);
  const ys = pts.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  // Equirectangular with the longitude squeezed by cos(latitude): true shape at a street's size.
  const k = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
  const scale = Math.min((W - 2 * pad) / Math.max((x1 - x0) * k, 1e-6), (H - 2 * pad) / Math.max(y1 - y0, 1e-6));
  const ox = (W - (x1 - x0) * k * scale) / 2;
  const oy = (H - (y1 - y0) * scale) / 2;
  const px = (x: number) => ox + (x - x0) * k * scale;
  const py = (y: number) => H - oy - (y - y0) * scale;
  const counts = Object.fromEntries(ControlLevel.values.map((l) => [l, map.compounds.filter((c) => c[2] === l).length]));
  return (
    <figure className="office-map" data-testid="briefing-map">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label="辖区小区管控等级示意图">
        <rect x="0" y="0" width={W} height={H} fill="#fafafa" stroke="#000" strokeWidth="0.6" />
        {DRAW_ORDER.flatMap((level) =>
          map.compounds.filter((c) => c[2] === level).map((c, i) => <circle key={`${level}${i}`} cx={px(c[0])} cy={py(c[1])} r={level === 'normal' ? 3 : 4.2} fill={LEVEL_COLOURS[level]} fillOpacity={0.85} stroke="#fff" strokeWidth="0.6" />),
        )}
        {map.checkpoints.map((c, i) => {
          const [x, y] = [px(c[0]), py(c[1])];
          return <path key={`k${i}`} d={`M${x} ${y - 3.2}L${x + 2.8} ${y + 2}L${x - 2.8} ${y + 2}Z`} fill="#1f1f1f" />;
        })}
      </svg>
      <figcaption>
        辖区小区管控等级示意图：
        {ControlLevel.values.map((l) => (
          <span key={l} className="legend-item">
            <i style={{ background: LEVEL_COLOURS[l] }} />
            {ControlLevel.labels[l]} {counts[l]} 个
          </span>
        ))}
        <span className="legend-item">▲ 卡点 {map.checkpoints.length} 个</span>
      </figcaption>
    </figure>
  );
}

/** 每日简报 in the manner of an official 简报: red title block and rule, numbered sections, ruled tables, page numbers. */
export function BriefingSheet({ briefing }: { briefing: Briefing }) {
  const doc = briefingDoc(briefing);
  return (
    <article className="doc briefing-doc">
      <header className="briefing-head">
        <div className="briefing-title">{doc.title}</div>
        <div className="briefing-issue">{doc.issueLine}</div>
        <div className="briefing-meta">
          <span>{doc.officeLine}</span>
          <span>{doc.dateLine}</span>
        </div>
      </header>
      {doc.sections.map((s) => (
        <section key={s.key} className="briefing-part">
          <h2>{s.title}</h2>
          {s.paragraph
            .split(/\n+/)
            .filter(Boolean)
            .map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          {s.key === 'overall' && <OfficeMap map={briefing.figures.map} />}
          {s.tables.map((t) => (
            <table key={t.caption}>
              <caption>{t.caption}</caption>
              <thead>
                <tr>
                  {t.head.map((h, i) => (
                    <th key={i}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((c, j) => (
                      <td key={j} className={t.numeric.includes(j) ? 'num' : undefined}>
                        {c}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      ))}
      <footer className="briefing-foot">
        <span>报：区疫情防控指挥部</span>
        <span>送：街道党工委、办事处领导班子成员</span>
      </footer>
    </article>
  );
}
