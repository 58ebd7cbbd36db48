import type { CycleDto } from '@parindex/contracts';
import { Select } from 'antd';
import { useI18n } from '../../app/i18n.tsx';
import { isPublic } from './results.queries.ts';

interface Props {
  cycles: CycleDto[];
  value: string | null;
  onChange: (cycleId: string) => void;
}

/** The year/cycle selector; a cycle whose results are not public says so in its label. */
export function CycleSelect({ cycles, value, onChange }: Props) {
  const { t } = useI18n();
  const options = cycles.map((c) => {
    const name = c.name.includes(String(c.year)) ? c.name : `${c.year} — ${c.name}`;
    return { value: c.id, label: isPublic(c) ? name : `${name} (${t.cycleStatus[c.status]})` };
  });
  return (
    <div className="cycle-select">
      <label htmlFor="cycle-select" className="cycle-select__label">
        {t.cycleLabel}
      </label>
      <Select
        id="cycle-select"
        className="cycle-select__control"
        value={value ?? undefined}
        placeholder={t.cyclePlaceholder}
        options={options}
        onChange={onChange}
        popupMatchSelectWidth={false}
        aria-label={t.cycleLabel}
      />
    </div>
  );
}
