/**
 * The input control of a leaf's scoring rule: levels → radio list, binary → Đạt / Không đạt,
 * ratio → numerator and denominator with the ratio shown, count → a whole number, manual → points.
 * The points themselves are always computed by the server. ScoreEntry is the appraiser's and the
 * council's control: only figures the leaf's rule can give (the server checks the same).
 */
import type { LeafInputs, ScoringRule } from '@parindex/contracts';
import { Checkbox, Input, InputNumber, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { compareDecimal } from '../../lib/format.ts';
import { fmtPoints, parsePoints, ratioPercent, sameDecimal, useW } from './work-common.tsx';
import type { PointsDomain } from './work.api.ts';

interface Props {
  id: string;
  rule: ScoringRule;
  max: string;
  value: LeafInputs;
  disabled: boolean;
  onChange: (next: LeafInputs) => void;
}

/**
 * The rule's control, and a "Không phát sinh" box when the rubric gives the rule that case: the
 * answer replaces the other inputs (the server refuses it on a rule without the case).
 */
export function LeafInputControl(props: Props) {
  const { w } = useW();
  const { id, rule, value, disabled, onChange } = props;
  if (rule.type === 'survey' || rule.whenNone === undefined) return <RuleInput {...props} />;
  const none = value.noneOccurred === true;
  return (
    <div className="leaf-none">
      <div>
        <Checkbox id={`${id}-none`} checked={none} disabled={disabled} onChange={(e) => onChange({ ...value, noneOccurred: e.target.checked ? true : undefined })}>
          {w.noneOccurred} <span className="work-muted">({w.noneRule[rule.whenNone]})</span>
        </Checkbox>
      </div>
      {!none && <RuleInput {...props} />}
    </div>
  );
}

function RuleInput({ id, rule, max, value, disabled, onChange }: Props) {
  const { w, lang } = useW();
  switch (rule.type) {
    case 'levels':
      return (
        <Radio.Group
          aria-label={w.levelLabel}
          value={value.level ?? null}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, level: e.target.value as string })}
        >
          <Space orientation="vertical" size={2}>
            {rule.levels.map((l) => (
              <Radio key={l.code} value={l.code}>
                {l.label} <span className="work-muted">({fmtPoints(l.points, lang)} đ)</span>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      );
    case 'binary':
      return (
        <Radio.Group
          aria-label={w.levelLabel}
          value={value.met === undefined ? null : value.met}
          disabled={disabled}
          onChange={(e) => onChange({ ...value, met: e.target.value as boolean })}
          optionType="button"
          buttonStyle="solid"
          options={[
            { value: true, label: rule.yesLabel ?? w.met },
            { value: false, label: rule.noLabel ?? w.notMet },
          ]}
        />
      );
    case 'ratio_bands':
    case 'proportional': {
      const pct = value.numerator !== undefined && value.denominator !== undefined ? ratioPercent(value.numerator, value.denominator) : null;
      return (
        <div className="leaf-ratio">
          <label htmlFor={`${id}-num`}>
            <span>{rule.numeratorLabel}</span>
            <InputNumber id={`${id}-num`} min={0} value={value.numerator ?? null} disabled={disabled} onChange={(v) => onChange({ ...value, numerator: v ?? undefined })} decimalSeparator={lang === 'vi' ? ',' : '.'} />
          </label>
          <label htmlFor={`${id}-den`}>
            <span>{rule.denominatorLabel}</span>
            <InputNumber id={`${id}-den`} min={0} value={value.denominator ?? null} disabled={disabled} onChange={(v) => onChange({ ...value, denominator: v ?? undefined })} decimalSeparator={lang === 'vi' ? ',' : '.'} />
          </label>
          <output className="leaf-ratio__pct" aria-live="polite">
            {value.denominator === 0 ? w.ratioNone : pct !== null ? w.ratio(fmtPoints(pct, lang)) : ''}
          </output>
        </div>
      );
    }
    case 'count':
    case 'count_tiers':
    case 'count_deduction':
      return (
        <label htmlFor={`${id}-count`} className="leaf-count">
          <span>
            {rule.countLabel}{' '}
            {rule.type !== 'count_tiers' && <span className="work-muted">({rule.type === 'count' ? '×' : '−'} {fmtPoints(rule.perItem, lang)} đ)</span>}
          </span>
          <InputNumber id={`${id}-count`} min={0} precision={0} value={value.count ?? null} disabled={disabled} onChange={(v) => onChange({ ...value, count: v ?? undefined })} />
        </label>
      );
    case 'manual':
      return <ManualPoints id={id} max={max} value={value} disabled={disabled} onChange={onChange} />;
    default:
      return <p className="work-muted">{w.surveyLeaf}</p>;
  }
}

/** Points typed directly; a comma or a dot is accepted, the value is kept as a decimal string. */
function ManualPoints({ id, max, value, disabled, onChange }: Omit<Props, 'rule'>) {
  const { w, lang } = useW();
  const [text, setText] = useState(value.points ? fmtPoints(value.points, lang) : '');
  const [bad, setBad] = useState(false);
  return (
    <label htmlFor={`${id}-points`} className="leaf-count">
      <span>{w.pointsInput(fmtPoints(max, lang))}</span>
      <Input
        id={`${id}-points`}
        inputMode="decimal"
        style={{ width: 120 }}
        value={text}
        disabled={disabled}
        status={bad ? 'error' : undefined}
        aria-invalid={bad}
        onChange={(e) => {
          setText(e.target.value);
          const p = parsePoints(e.target.value);
          setBad(e.target.value.trim() !== '' && p === null);
          if (p !== null) onChange({ ...value, points: p });
        }}
      />
      {bad && <span className="work-error">{w.pointsInvalid(fmtPoints(max, lang))}</span>}
    </label>
  );
}

/** A proposal's or a council decision's figure: a value the rule gives, or raw inputs the server scores. */
export interface ScoreEntryValue {
  points?: string | null;
  inputs?: LeafInputs | null;
}

/** Whether this rule's figure is entered as raw inputs (the server computes the points), not chosen. */
export const entersInputs = (rule: ScoringRule) => ['proportional', 'count', 'count_tiers', 'count_deduction'].includes(rule.type);

/** What a chosen value means under the rule ("Ban hành chậm", "≥ 70 %", "Đạt"), for the select's labels. */
function valueMeaning(rule: ScoringRule, value: string, max: string, w: ReturnType<typeof useW>['w'], lang: 'vi' | 'en'): string {
  const same = (a: string) => sameDecimal(a, value);
  if (rule.type === 'levels') return rule.levels.filter((l) => same(l.points)).map((l) => l.label).join(' / ') || w.evidenceZero;
  if (rule.type === 'binary') return same('0') ? (rule.noLabel ?? w.notMet) : (rule.yesLabel ?? w.met);
  if (rule.type === 'ratio_bands') {
    const bands = rule.bands.filter((b) => same(b.points)).map((b) => `${b.exclusive ? '>' : '≥'} ${fmtPoints(b.minPercent, lang)}%`);
    if (rule.whenNone === 'full' && same(max)) bands.push(w.ratioNone);
    return bands.join(' / ') || (same('0') ? w.belowBands : '');
  }
  return '';
}

/**
 * Only what the server takes: the rule's values in a select (levels, Đạt/Không đạt, ratio bands),
 * the raw inputs for proportional and count rules, points 0 … max for a manual leaf.
 */
export function ScoreEntry({ id, rule, allowed, max, value, disabled, onChange, label }: { id: string; rule: ScoringRule; allowed: PointsDomain; max: string; value: ScoreEntryValue; disabled?: boolean; onChange: (next: ScoreEntryValue) => void; label: string }) {
  const { w, lang } = useW();
  if (entersInputs(rule))
    return (
      <div className="score-entry" aria-label={label}>
        <LeafInputControl id={id} rule={rule} max={max} value={value.inputs ?? {}} disabled={!!disabled} onChange={(inputs) => onChange({ inputs })} />
        <div className="work-muted work-small">{w.pointsByServer}</div>
      </div>
    );
  if (allowed.kind === 'values')
    return (
      <Select
        id={id}
        aria-label={label}
        placeholder={w.choosePoints}
        disabled={disabled}
        value={value.points ?? null}
        onChange={(v: string) => onChange({ points: v })}
        style={{ minWidth: 200 }}
        options={allowed.values.map((v) => {
          const meaning = valueMeaning(rule, v, max, w, lang);
          return { value: v, label: `${fmtPoints(v, lang)} đ${meaning ? ` — ${meaning}` : ''}` };
        })}
      />
    );
  return <ManualPoints id={id} max={allowed.kind === 'range' ? allowed.max : max} value={{ points: value.points ?? undefined }} disabled={!!disabled} onChange={(next) => onChange({ points: next.points ?? null })} />;
}

/** The rule's scale beside the points: the levels, the bands, pass/fail, the formula. */
export function RuleBands({ rule, max }: { rule: ScoringRule; max: string }) {
  const { w, lang } = useW();
  const p = (v: string) => `${fmtPoints(v, lang)} đ`;
  let parts: string[] = [];
  switch (rule.type) {
    case 'levels':
      parts = rule.levels.map((l) => `${l.label}: ${p(l.points)}`);
      break;
    case 'binary':
      parts = [`${rule.yesLabel ?? w.met}: ${p(max)}`, `${rule.noLabel ?? w.notMet}: ${p('0')}`];
      break;
    case 'ratio_bands':
      parts = [...rule.bands].sort((a, b) => compareDecimal(b.minPercent, a.minPercent)).map((b) => `${b.exclusive ? '>' : '≥'} ${fmtPoints(b.minPercent, lang)}%: ${p(b.points)}`);
      break;
    case 'proportional':
      parts = [w.proportionalRule(fmtPoints(max, lang), rule.numeratorLabel, rule.denominatorLabel)];
      break;
    case 'count':
      parts = [w.countRule(fmtPoints(rule.perItem, lang), rule.countLabel, fmtPoints(max, lang))];
      break;
    case 'count_tiers':
      parts = rule.tiers.map((t) => `${rule.countLabel} ${t.orMore ? '≥ ' : ''}${t.count}: ${p(t.points)}`);
      break;
    case 'count_deduction':
      parts = [w.deductEachRule(fmtPoints(rule.perItem, lang), rule.countLabel, fmtPoints(rule.floor, lang))];
      break;
    default:
      return null;
  }
  if (rule.whenNone !== undefined) parts.push(w.noneRule[rule.whenNone]);
  return <div className="work-muted work-small rule-bands">{parts.join(' · ')}</div>;
}
