import type { UnitResultDto } from '@parindex/contracts';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { compareDecimal, formatDecimal, formatExact, hasHiddenDigits, isZeroDecimal } from '../../lib/format.ts';
import { useFeatureMessages } from '../../app/feature-messages.ts';
import { classStyle } from './class-style.ts';
import { resultsMessages } from './results.messages.ts';

/** Points with 2 decimals; when rounding hides digits (71.142), the exact value is in the title. */
export function PointsCell({ value }: { value: string }) {
  const { t, lang } = useI18n();
  return (
    <span className="num" title={hasHiddenDigits(value) ? t.exactValue(formatExact(value, lang)) : undefined}>
      {formatDecimal(value, lang)}
    </span>
  );
}

/** The total; when bonus or deductions are part of it, a tooltip says so (appraised + survey ≠ total). */
export function TotalCell({ unit }: { unit: UnitResultDto }) {
  const { t, lang } = useI18n();
  const adjusted = !isZeroDecimal(unit.bonus) || !isZeroDecimal(unit.deduction);
  const text = formatDecimal(unit.total, lang);
  if (!adjusted) return <PointsCell value={unit.total} />;
  return (
    <Tooltip title={t.totalIncludes(formatDecimal(unit.bonus, lang, { signed: true }), formatDecimal(unit.deduction, lang))}>
      <span className="num cell-hint" tabIndex={0}>
        {text}
      </span>
    </Tooltip>
  );
}

/** A scale is reduced when its maximum is below the group's full maximum (from the server; 100 for older snapshots). */
export function isReduced(max: string, fullMax = '100'): boolean {
  try {
    return compareDecimal(max, fullMax) < 0;
  } catch {
    return false;
  }
}

/**
 * The applicable maximum; a reduced scale is highlighted. The exclusions and their legal basis are
 * in a numbered note under the table (visible, printed), referenced here; the tooltip repeats them.
 */
export function MaxCell({ unit, fullMax, note }: { unit: UnitResultDto; fullMax?: string; note?: number }) {
  const { t, lang } = useI18n();
  const rm = useFeatureMessages(resultsMessages);
  const reduced = isReduced(unit.max, fullMax);
  const text = formatDecimal(unit.max, lang);
  if (!reduced && unit.exclusions.length === 0) return <span className="num">{text}</span>;
  const tip = (
    <div className="max-tip">
      {reduced && <strong>{t.reducedScale}</strong>}
      {unit.exclusions.length > 0 && (
        <>
          <div className="max-tip__title">{t.exclusionsTitle}</div>
          <ul>
            {unit.exclusions.map((e) => (
              <li key={e.nodeCode}>{t.exclusion(e.nodeCode, e.basis)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
  return (
    <Tooltip title={tip}>
      <span className={`num cell-hint${reduced ? ' max-reduced' : ''}`} tabIndex={0}>
        {text}
        {note !== undefined && (
          <sup className="note-ref">
            <a href={`#note-${unit.unitId}`} aria-label={rm.noteRef(note)}>
              {note}
            </a>
          </sup>
        )}
        <span className="visually-hidden"> ({reduced ? t.reducedScale : t.exclusionsTitle})</span>
      </span>
    </Tooltip>
  );
}

/** Classification as a coloured tag; in English the common bands are translated, the original is in the title. */
export function ClassTag({ label, count }: { label: string; count?: number }) {
  const { t } = useI18n();
  const shown = t.classLabel(label);
  return (
    <Tag color={classStyle(label).tag} title={shown !== label ? label : undefined} className="class-tag">
      {shown}
      {count !== undefined && <span className="num">: {count}</span>}
    </Tag>
  );
}
