/**
 * Regression guard: `npm run bench -- --compare OLD.json` compares this run's figures with an
 * earlier run's, metric by metric (ratio = new ÷ old), and fails on a regression beyond the
 * tolerance (default 25 %, `--tolerance 10` for 10 %):
 * - times (s, ms), memory and sizes (MB, KB) and the engine/SQL ratio (x): higher is worse —
 *   a regression when new > old × (1 + tolerance);
 * - throughput (req/s, MB/s, anything per second): lower is worse — a regression when
 *   new < old × (1 − tolerance);
 * - counts (rows, pages, count): shown, never a regression.
 * Runs of different scale, or whose suites measured a different database (kind or version), are
 * not compared at all; nor is a file without a stamp (written before stamps existed), nor two runs
 * without a metric in common.
 */
import type { Metric } from './measure.ts';
import type { ResultsFile, RunStamp } from './stamp.ts';

export const DEFAULT_TOLERANCE = 0.25;

export type Direction = 'lower-is-better' | 'higher-is-better' | 'informational';

export function directionOf(unit: string): Direction {
  const u = unit.trim().toLowerCase();
  if (u.endsWith('/s')) return 'higher-is-better';
  if (['s', 'ms', 'us', 'mb', 'kb', 'gb', 'x'].includes(u)) return 'lower-is-better';
  return 'informational';
}

export type Verdict = 'regression' | 'improvement' | 'within' | 'info' | 'new' | 'missing' | 'unit-changed';

export interface MetricComparison {
  name: string;
  unit: string;
  old?: number;
  new?: number;
  /** new ÷ old; undefined when either is missing or old is 0. */
  ratio?: number;
  direction: Direction;
  verdict: Verdict;
}

export interface Comparison {
  /** Why the runs cannot be compared (empty when they can). */
  refused: string[];
  rows: MetricComparison[];
  regressions: MetricComparison[];
  tolerance: number;
}

const dbText = (d: RunStamp['databases'][string] | undefined) => (d ?? []).map((x) => `${x.kind} ${x.version}`).sort().join(' + ') || '—';

/** Reasons two stamped runs measured different things; empty when comparable. */
export function incomparability(oldStamp: RunStamp | undefined, newStamp: RunStamp | undefined): string[] {
  const out: string[] = [];
  if (!oldStamp) out.push('Tệp kết quả cũ không có dấu (stamp: commit, quy mô, cơ sở dữ liệu): không biết nó đo gì, không so sánh được. Hãy chạy lại benchmark ở commit cũ.');
  if (!newStamp) out.push('Tệp kết quả mới không có dấu (stamp): không so sánh được.');
  if (!oldStamp || !newStamp) return out;
  if (oldStamp.scale !== newStamp.scale) out.push(`Khác quy mô: lần cũ BENCH_SCALE=${oldStamp.scale}, lần mới BENCH_SCALE=${newStamp.scale}.`);
  for (const suite of Object.keys(newStamp.databases)) {
    if (!(suite in oldStamp.databases)) continue;
    const a = dbText(oldStamp.databases[suite]), b = dbText(newStamp.databases[suite]);
    if (a !== b) out.push(`Bộ đo "${suite}" dùng cơ sở dữ liệu khác: lần cũ ${a}, lần mới ${b}.`);
  }
  return out;
}

export function compareMetric(old: Metric | undefined, now: Metric | undefined, tolerance: number): MetricComparison {
  const m = (now ?? old)!;
  const direction = directionOf(m.unit);
  const base = { name: m.name, unit: m.unit, old: old?.value, new: now?.value, direction };
  if (!old) return { ...base, verdict: 'new' };
  if (!now) return { ...base, verdict: 'missing' };
  if (old.unit !== now.unit) return { ...base, verdict: 'unit-changed' };
  const ratio = old.value === 0 ? (now.value === 0 ? 1 : undefined) : now.value / old.value;
  if (direction === 'informational' || ratio === undefined) return { ...base, ratio, verdict: 'info' };
  const worse = direction === 'lower-is-better' ? ratio > 1 + tolerance : ratio < 1 - tolerance;
  const better = direction === 'lower-is-better' ? ratio < 1 - tolerance : ratio > 1 + tolerance;
  return { ...base, ratio, verdict: worse ? 'regression' : better ? 'improvement' : 'within' };
}

export function compareRuns(
  old: Pick<ResultsFile, 'metrics'> & { stamp?: RunStamp },
  now: Pick<ResultsFile, 'metrics'> & { stamp?: RunStamp },
  tolerance = DEFAULT_TOLERANCE,
): Comparison {
  if (!(tolerance > 0)) throw new Error(`Ngưỡng (--tolerance) phải lớn hơn 0, nhận được ${tolerance}.`);
  const refused = incomparability(old.stamp, now.stamp);
  if (refused.length) return { refused, rows: [], regressions: [], tolerance };
  const olds = new Map(old.metrics.map((m) => [m.name, m]));
  const news = new Map(now.metrics.map((m) => [m.name, m]));
  const names = [...new Set([...olds.keys(), ...news.keys()])].sort();
  const rows = names.map((n) => compareMetric(olds.get(n), news.get(n), tolerance));
  if (!rows.some((r) => r.old !== undefined && r.new !== undefined)) return { refused: ['Hai lần chạy không có chỉ số chung nào (khác bộ đo): không có gì để so sánh.'], rows: [], regressions: [], tolerance };
  return { refused, rows, regressions: rows.filter((r) => r.verdict === 'regression'), tolerance };
}

/** "25" or "25%" → 0.25. */
export function parseTolerance(text: string): number {
  const v = Number(text.trim().replace(/%$/, ''));
  if (!(v > 0 && v < 1000)) throw new Error(`--tolerance phải là một phần trăm dương, ví dụ 25 hoặc 25%; nhận được "${text}".`);
  return v / 100;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  regression: 'KÉM ĐI (regression)',
  improvement: 'tốt hơn',
  within: 'trong ngưỡng',
  info: 'chỉ để biết',
  new: 'mới',
  missing: 'không có ở lần mới',
  'unit-changed': 'đổi đơn vị',
};

export function formatComparison(c: Comparison, oldLabel: string): string {
  if (c.refused.length) return [`Không so sánh với ${oldLabel}:`, ...c.refused.map((r) => `  - ${r}`)].join('\n');
  const w = Math.max(6, ...c.rows.map((r) => r.name.length));
  const num = (v: number | undefined) => (v === undefined ? '—' : String(v)).padStart(12);
  const lines = [
    `So sánh với ${oldLabel} (ngưỡng ${Math.round(c.tolerance * 1000) / 10} %; tỷ lệ = mới ÷ cũ)`,
    `${'metric'.padEnd(w)}  ${'cũ'.padStart(12)}  ${'mới'.padStart(12)}  ${'tỷ lệ'.padStart(7)}  unit     kết luận`,
  ];
  for (const r of c.rows) {
    const ratio = r.ratio === undefined ? '—' : r.ratio.toFixed(3);
    lines.push(`${r.name.padEnd(w)}  ${num(r.old)}  ${num(r.new)}  ${ratio.padStart(7)}  ${r.unit.padEnd(7)}  ${VERDICT_TEXT[r.verdict]}`);
  }
  lines.push(
    c.regressions.length
      ? `${c.regressions.length} chỉ số kém đi quá ngưỡng: ${c.regressions.map((r) => r.name).join(', ')}`
      : 'Không có chỉ số nào kém đi quá ngưỡng.',
  );
  return lines.join('\n');
}
