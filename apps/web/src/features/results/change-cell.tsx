import type { ChangeDto } from '@parindex/contracts';
import { Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { compareDecimal, formatDecimal } from '../../lib/format.ts';
import { resultsMessages } from './results.messages.ts';

function direction(delta: string | null): 'up' | 'down' | 'same' {
  if (delta === null) return 'same';
  try {
    const c = compareDecimal(delta, '0');
    return c > 0 ? 'up' : c < 0 ? 'down' : 'same';
  } catch {
    return 'same';
  }
}

const ARROWS = { up: '▲', down: '▼', same: '=' } as const;

/**
 * "So với năm trước": rank movement ("tăng 2 bậc") and the index delta. A merged unit compared
 * with a weighted baseline shows only the index delta: ranks of merged units are not compared.
 */
export function ChangeCell({ change }: { change: ChangeDto | null }) {
  const { t, lang } = useI18n();
  const rm = useFeatureMessages(resultsMessages);
  if (!change || change.basis === 'none') {
    return (
      <span className="change-none" title={t.noBaseline}>
        <span aria-hidden="true">—</span>
        <span className="visually-hidden">{t.noBaseline}</span>
      </span>
    );
  }
  const previousIndex = change.previousIndex !== null ? formatDecimal(change.previousIndex, lang) : null;
  // The change in points, beside the index (the "change on last year: points, index, rank").
  const points =
    change.totalDelta !== null ? (
      <span className={`num change-delta change--${direction(change.totalDelta)}`} title={rm.totalDeltaHint}>
        {rm.totalDelta} {formatDecimal(change.totalDelta, lang, { signed: true })}
      </span>
    ) : null;
  const delta =
    change.indexDelta !== null ? (
      <span className={`num change-delta change--${direction(change.indexDelta)}`} title={t.indexDeltaHint}>
        {t.indexDelta} {formatDecimal(change.indexDelta, lang, { signed: true })}
      </span>
    ) : null;

  if (change.basis === 'weighted') {
    return (
      <Tooltip title={<>{t.notComparable} {t.previousYear(previousIndex, null)}</>}>
        <div className="change cell-hint" tabIndex={0}>
          {delta}
          {points}
          <span className="change-note">{t.weightedNote}</span>
        </div>
      </Tooltip>
    );
  }

  const rankDelta = change.rankDelta;
  const rankDir = rankDelta === null ? null : rankDelta > 0 ? 'up' : rankDelta < 0 ? 'down' : 'same';
  const rankText =
    rankDelta === null ? null : rankDelta > 0 ? t.rankUp(rankDelta) : rankDelta < 0 ? t.rankDown(-rankDelta) : t.rankSame;
  return (
    <Tooltip title={t.previousYear(previousIndex, change.previousRank)}>
      <div className="change" tabIndex={0}>
        {rankDir && (
          <span className={`change-rank change--${rankDir}`}>
            <span aria-hidden="true">{ARROWS[rankDir]} </span>
            {rankText}
          </span>
        )}
        {delta}
        {points}
      </div>
    </Tooltip>
  );
}
