import type { TargetDto, UnitScorecardDto } from '@parindex/contracts';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { useI18n } from '../../app/i18n.tsx';
import { formatDecimal } from '../../lib/format.ts';
import { scorecardMessages } from './scorecard.messages.ts';

/** "Cần thêm bao nhiêu điểm?": the next class and the next rank, each with the fewest sub-criteria to fix. */
export function WhatItTakes({ data }: { data: UnitScorecardDto }) {
  const m = useFeatureMessages(scorecardMessages);
  const { t, lang } = useI18n();
  const pct = (v: string) => formatDecimal(v, lang);
  return (
    <section className="sc-card sc-wit" aria-labelledby="sc-wit">
      <h3 id="sc-wit" className="sc-card__title">
        {m.witTitle}
      </h3>
      <p className="sc-muted">{m.witIntro}</p>
      <div className="sc-wit__grid">
        <div className="sc-wit__block">
          {data.nextClass ? (
            <>
              <h4>{m.witClassTitle(t.classLabel(data.nextClass.label ?? ''), pct(data.nextClass.targetIndex))}</h4>
              <Target target={data.nextClass} recoverable={data.recoverable} />
            </>
          ) : (
            <p>{m.witTopClass}</p>
          )}
        </div>
        <div className="sc-wit__block">
          {data.nextRank ? (
            <>
              <h4>{m.witRankTitle(data.nextRank.rank ?? 0)}</h4>
              {data.nextRank.competitor && <p className="sc-muted">{m.witRankVs(data.nextRank.competitor.unitName, pct(data.nextRank.targetIndex))}</p>}
              <Target target={data.nextRank} recoverable={data.recoverable} />
              {data.nextRank.strict && <p className="sc-note">{m.witStrictNote}</p>}
            </>
          ) : (
            <p>{m.witTopRank}</p>
          )}
        </div>
      </div>
      <p className="sc-note">{m.witDisclaimer}</p>
    </section>
  );
}

function Target({ target, recoverable }: { target: TargetDto; recoverable: string }) {
  const m = useFeatureMessages(scorecardMessages);
  const { lang } = useI18n();
  const pts = (v: string) => formatDecimal(v, lang);
  const need = pts(target.pointsNeededRoundedUp);
  return (
    <>
      <p className="sc-wit__need">{target.strict ? m.witNeedMore(need) : m.witNeed(need)}</p>
      {target.reachable ? (
        <>
          <p>{m.witLeaves(target.leaves.length, pts(target.leavesCover))}</p>
          <ol className="sc-wit__leaves">
            {target.leaves.map((l) => (
              <li key={l.code}>
                <span className="sc-code">{l.code}</span> {l.title} <span className="num sc-lost">({m.witLost(pts(l.lost))})</span>
              </li>
            ))}
          </ol>
        </>
      ) : (
        <p className="sc-warn">{m.witUnreachable(pts(recoverable))}</p>
      )}
    </>
  );
}
