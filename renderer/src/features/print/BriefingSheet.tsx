import type { Output } from '../../../../shared/api';
import { briefingDoc } from '../../../../shared/domain/briefing-doc';
import { ControlLevel } from '../../../../shared/domain/enums';
import { LEVEL_COLOURS, officeMapSvg } from '../../../../shared/domain/office-map-svg';

type Briefing = Output<'briefings.get'>;

/** The office map: the same SVG the Word export rasterises (shared/domain/office-map-svg.ts). */
export function OfficeMap({ map }: { map: Briefing['figures']['map'] }) {
  const svg = officeMapSvg(map);
  if (!svg) return null;
  const counts = Object.fromEntries(ControlLevel.values.map((l) => [l, map.compounds.filter((c) => c[2] === l).length]));
  return (
    <figure className="office-map" data-testid="briefing-map">
      {/* Numbers and fixed colours only: nothing from the data is inserted as markup. */}
      <div dangerouslySetInnerHTML={{ __html: svg }} />
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
