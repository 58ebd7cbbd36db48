/** Pieces shared by the cycle setup pages: the stages with deadlines, node search, the deadline fields. */
import { DatePicker, Form } from 'antd';
import type { Dayjs } from 'dayjs';
import { useW } from './work-common.tsx';

export const STAGES = ['self', 'appraisal', 'explanation', 'council'] as const;
export type Stage = (typeof STAGES)[number];
export type DeadlineValues = Partial<Record<Stage, Dayjs | null>>;

export const enc = encodeURIComponent;
export const collator = new Intl.Collator('vi');

/**
 * Search of rubric nodes: a code typed ("5.1") finds that node and its children first, in code
 * order; words find titles. Without this "1.5.1" would come before "5.1".
 */
export const nodeSearch = {
  showSearch: true,
  filterOption: (input: string, option?: { value?: string; label?: string }) => {
    const q = input.trim().toLowerCase();
    return !!option && (String(option.value ?? '').startsWith(q) || String(option.label ?? '').toLowerCase().includes(q));
  },
  filterSort: (x: { value?: string }, y: { value?: string }, info?: { searchValue: string }) => {
    const q = info?.searchValue.trim() ?? '';
    const px = String(x.value ?? '').startsWith(q) ? 0 : 1;
    const py = String(y.value ?? '').startsWith(q) ? 0 : 1;
    return px - py || String(x.value ?? '').localeCompare(String(y.value ?? ''), undefined, { numeric: true });
  },
};

export function toDeadlines(values: DeadlineValues): Partial<Record<Stage, string>> {
  const out: Partial<Record<Stage, string>> = {};
  for (const k of STAGES) if (values[k]) out[k] = values[k]!.format('YYYY-MM-DD');
  return out;
}

export function DeadlineFields() {
  const { w } = useW();
  return (
    <div className="setup-deadlines">
      {STAGES.map((k) => (
        <Form.Item key={k} label={`${w.deadline} ${w.deadlines[k]?.toLowerCase() ?? k}`} name={k}>
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" />
        </Form.Item>
      ))}
    </div>
  );
}
