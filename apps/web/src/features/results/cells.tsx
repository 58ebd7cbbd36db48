import type { UnitResultDto } from '@parindex/contracts';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { compareDecimal, formatDecimal, formatExact, hasHiddenDigits, isZeroDecimal } from '../../lib/format.ts';
import { classStyle } from './class-style.ts';

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

function isReduced(max: string): boolean {
  try {
    return compareDecimal(max, '100') < 0;
  } catch {
    return false;
  }
}

/** The applicable maximum; a reduced scale (< 100) is highlighted and its exclusions listed with their legal basis. */
export function MaxCell({ unit }: { unit: UnitResultDto }) {
  const { t, lang } = useI18n();
  const reduced = isReduced(unit.max);
  const text = formatDecimal(unit.max, lang);
  if (!reduced && unit.exclusions.length === 0) return <span className="num">{text}</span>;
  const tip = (
    <div className="max-tip">
      {reduced && <strong>{t.reducedScale}</strong>}
      {reduced && <div>{t.reducedScaleHint}</div>}
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
