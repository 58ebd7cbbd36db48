/**
 * The input control of a leaf's scoring rule: levels → radio list, binary → Đạt / Không đạt,
 * ratio → numerator and denominator with the ratio shown, count → a whole number, manual → points.
 * The points themselves are always computed by the server.
 */
import type { LeafInputs, ScoringRule } from '@parindex/contracts';
import { Input, InputNumber, Radio, Space } from 'antd';
import { useState } from 'react';
import { fmtPoints, parsePoints, ratioPercent, useW } from './work-common.tsx';

interface Props {
  id: string;
  rule: ScoringRule;
  max: string;
  value: LeafInputs;
  disabled: boolean;
  onChange: (next: LeafInputs) => void;
}

export function LeafInputControl({ id, rule, max, value, disabled, onChange }: Props) {
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
      return (
        <label htmlFor={`${id}-count`} className="leaf-count">
          <span>
            {rule.countLabel} <span className="work-muted">(× {fmtPoints(rule.perItem, lang)} đ)</span>
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
