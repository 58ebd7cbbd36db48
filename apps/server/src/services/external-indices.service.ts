/**
 * Chỉ số bên ngoài: the province's own results in the national indices — PAR Index (Bộ Nội vụ),
 * SIPAS, PAPI, PCI — entered per year or imported from a table, with targets per year and the gap
 * to them, computed exactly (decimal strings, never floats).
 */
import { AppError, type ExternalIndexComponent, type OkResponse, type ExternalIndexInfo, type ExternalIndexSeries, type ExternalIndexYear, type Issue } from '@parindex/contracts';
import { componentSumGap, dec, standingChange, targetGap, toExact } from '@parindex/engine';
import type { SessionUser } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import { EXTERNAL_INDICES } from '../db/schema.ts';
import { newId } from '../db/sql-helpers.ts';
import { ExternalIndexRepository } from '../repositories/external-index.repository.ts';
import { mapColumns, readTable } from '../io/table-reader.ts';
import { audit } from './workflow/audit.ts';

export type IndexCode = (typeof EXTERNAL_INDICES)[number];

// The shapes the service presents (an index, its years, their components) are defined once in
// packages/contracts (external-indices.ts).
export type IndexInfo = ExternalIndexInfo;

export const INDEX_INFO: Record<IndexCode, IndexInfo> = {
  par_index: { code: 'par_index', short: 'PAR Index', name: 'Chỉ số cải cách hành chính cấp tỉnh (PAR Index)', unit: 'points', defaultMax: '100', gradeLabel: 'Nhóm' },
  sipas: { code: 'sipas', short: 'SIPAS', name: 'Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)', unit: 'percent', defaultMax: '100', gradeLabel: null },
  papi: { code: 'papi', short: 'PAPI', name: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)', unit: 'points', defaultMax: '80', gradeLabel: 'Nhóm' },
  pci: { code: 'pci', short: 'PCI', name: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)', unit: 'points', defaultMax: '100', gradeLabel: 'Nhóm điều hành' },
};

export type Component = ExternalIndexComponent;

export interface IndexResultInput {
  value: string;
  maxValue?: string | null;
  rank?: number | null;
  rankOf?: number | null;
  grade?: string | null;
  components?: Component[];
  source?: string | null;
}

export interface TargetInput {
  targetRank?: number | null;
  targetValue?: string | null;
  note?: string | null;
}

export type YearRow = ExternalIndexYear;
export type IndexSeries = ExternalIndexSeries;

const DECIMAL = /^\d{1,4}([.,]\d{1,4})?$/;

/** "31,45", "31.45", "85,5%" → "31.45"; null when not a number. */
export function parseValue(raw: string): string | null {
  const s = raw.trim().replace(/%$/, '').trim();
  if (!DECIMAL.test(s)) return null;
  return toExact(dec(s.replace(',', '.')));
}

/** A value the request checked ("31.45"), written exactly as the import writes it; one it did not check stays as is (checkResult refuses it). */
const exact = (v: string | null | undefined): string | null => (v == null ? null : (parseValue(v) ?? v));

function exactResult(r: IndexResultInput): IndexResultInput {
  return {
    ...r,
    value: exact(r.value) ?? r.value,
    maxValue: r.maxValue === undefined ? undefined : exact(r.maxValue),
    components: r.components?.map((c) => ({ ...c, value: exact(c.value) ?? c.value, max: c.max === undefined ? undefined : exact(c.max) })),
  };
}

/**
 * Indices whose total is the sum of its components: the PAR Index (8 fields, out of 100) and PAPI
 * (8 dimensions, out of 80). SIPAS and PCI components are averaged or weighted, never summed.
 */
const ADDITIVE: ReadonlySet<IndexCode> = new Set(['par_index', 'papi']);
/** Rounding the published tables allow between the components' sum and the total. */
const SUM_TOLERANCE = dec('0.01');
const viNumber = (s: string) => s.replace('.', ',');

/** Problems of one result, as messages (empty when fine). */
export function checkResult(code: IndexCode, r: IndexResultInput): string[] {
  const out: string[] = [];
  const max = r.maxValue ?? null;
  if (max !== null && dec(r.value).gt(dec(max))) out.push(`giá trị ${r.value} lớn hơn mức tối đa ${max}.`);
  if (r.rank != null && r.rankOf != null && r.rank > r.rankOf) out.push(`thứ hạng ${r.rank} lớn hơn số tỉnh được xếp hạng (${r.rankOf}).`);
  const seen = new Set<string>();
  for (const c of r.components ?? []) {
    if (seen.has(c.code)) out.push(`thành phần "${c.code}" bị lặp.`);
    seen.add(c.code);
    if (c.max != null && dec(c.value).gt(dec(c.max))) out.push(`thành phần "${c.code}" có giá trị ${c.value} lớn hơn tối đa ${c.max}.`);
  }
  // Only components that cover the whole scale (their maxima add up to the index's maximum) must
  // add up to the total; a partial list (some PAPI dimensions only) is kept as it is.
  const comps = r.components ?? [];
  const scale = r.maxValue ?? INDEX_INFO[code].defaultMax;
  const complete = comps.length > 0 && comps.every((c) => c.max != null) && componentSumGap(comps.map((c) => c.max!), scale).gap.isZero();
  if (ADDITIVE.has(code) && complete) {
    const { sum, gap } = componentSumGap(comps.map((c) => c.value), r.value);
    if (gap.gt(SUM_TOLERANCE))
      out.push(`các thành phần cộng lại được ${viNumber(toExact(sum))} nhưng giá trị tổng là ${viNumber(toExact(dec(r.value)))} (lệch ${viNumber(toExact(gap))}); sửa giá trị hoặc các thành phần cho khớp (sai lệch tối đa 0,01).`);
  }
  return out;
}

function gapOf(result: YearRow['result'], target: YearRow['target']): YearRow['gap'] {
  if (!target || !result) return null;
  const gap = targetGap(result, target);
  return { rank: gap.rank, value: gap.value === null ? null : toExact(gap.value), met: gap.met };
}

const INDEX_ALIASES: Record<string, IndexCode> = {
  par_index: 'par_index', 'par index': 'par_index', par: 'par_index', 'chỉ số cchc': 'par_index', 'chỉ số cải cách hành chính': 'par_index',
  sipas: 'sipas', papi: 'papi', pci: 'pci',
};

/** A component column: "D1: Tham gia của người dân ở cấp cơ sở (tối đa 10)" → code D1, name, max 10. */
const COMPONENT_HEADER = /^([A-Za-z0-9_.]{1,12})\s*[:–-]\s*(.+?)(?:\s*\((?:tối đa|max)\s*([\d.,]+)\))?$/i;

export class ExternalIndicesService {
  constructor(private readonly db: Db) {}

  async list(): Promise<IndexSeries[]> {
    const repo = new ExternalIndexRepository(this.db);
    const [results, targets] = [await repo.listResults(), await repo.listTargets()];
    return EXTERNAL_INDICES.map((code) => {
      const rs = results.filter((r) => r.indexCode === code);
      const ts = targets.filter((t) => t.indexCode === code);
      const years = [...new Set([...rs.map((r) => r.year), ...ts.map((t) => t.year)])].sort((a, b) => a - b);
      let prev: YearRow['result'] & { year: number } | null = null;
      const rows: YearRow[] = [];
      for (const year of years) {
        const r = rs.find((x) => x.year === year);
        const t = ts.find((x) => x.year === year);
        const result: YearRow['result'] = r
          ? { value: toExact(dec(r.value)), maxValue: r.maxValue === null ? null : toExact(dec(r.maxValue)), rank: r.rank, rankOf: r.rankOf, grade: r.grade, components: r.components, source: r.source }
          : null;
        const target: YearRow['target'] = t ? { targetRank: t.targetRank, targetValue: t.targetValue === null ? null : toExact(dec(t.targetValue)), note: t.note } : null;
        const moved = result && prev ? standingChange(result, prev) : null;
        const change: YearRow['change'] = moved && prev ? { fromYear: prev.year, rank: moved.rank, value: toExact(moved.value) } : null;
        rows.push({ year, result, target, gap: gapOf(result, target), change });
        if (result) prev = { ...result, year };
      }
      return { ...INDEX_INFO[code], years: rows };
    });
  }

  async save(actor: SessionUser, code: IndexCode, year: number, raw: IndexResultInput, db: Db = this.db): Promise<OkResponse> {
    const input = exactResult(raw);
    const problems = checkResult(code, input);
    if (problems.length) throw new AppError('VALIDATION', `${INDEX_INFO[code].short} năm ${year}: ${problems.join(' ')}`);
    const values = {
      value: input.value,
      maxValue: input.maxValue ?? null,
      rank: input.rank ?? null,
      rankOf: input.rankOf ?? null,
      grade: input.grade?.trim() || null,
      components: input.components ?? [],
      source: input.source?.trim() || null,
    };
    const repo = new ExternalIndexRepository(db);
    const before = await repo.findResult(code, year);
    await (before ? repo.updateResult(before.id, values) : repo.addResults({ id: newId(), indexCode: code, year, ...values }));
    await audit(db, actor, { action: 'external_index.save', subject: `${code} ${year}`, before: before ?? null, after: values });
    return { ok: true };
  }

  async setTarget(actor: SessionUser, code: IndexCode, year: number, input: TargetInput): Promise<OkResponse> {
    const targetRank = input.targetRank ?? null;
    const targetValue = exact(input.targetValue);
    await this.db.transaction(async (tx) => {
      const repo = new ExternalIndexRepository(tx);
      await repo.deleteTarget(code, year);
      if (targetRank !== null || targetValue !== null) await repo.addTargets({ indexCode: code, year, targetRank, targetValue, note: input.note?.trim() || null });
      await audit(tx, actor, { action: 'external_index.target', subject: `${code} ${year}`, after: { targetRank, targetValue, note: input.note ?? null } });
    });
    return { ok: true };
  }

  /**
   * Imports a table, one row per index × year: columns "Chỉ số", "Năm", "Giá trị", optional
   * "Tối đa", "Thứ hạng", "Số tỉnh", "Nhóm/Xếp loại", "Nguồn", and one column per component named
   * "MÃ: Tên (tối đa X)". Every row is checked first; one bad row and nothing is saved.
   */
  async import(actor: SessionUser, file: Buffer): Promise<{ saved: number }> {
    const table = await readTable(file);
    const aliases = {
      index: ['Chỉ số', 'index', 'index_code', 'Mã chỉ số'],
      year: ['Năm', 'year'],
      value: ['Giá trị', 'value', 'Điểm', 'Điểm số'],
      max: ['Tối đa', 'max', 'max_value', 'Điểm tối đa'],
      rank: ['Thứ hạng', 'rank', 'Xếp hạng'],
      rankOf: ['Số tỉnh', 'rank_of', 'Trên số tỉnh', 'Xếp hạng trên'],
      grade: ['Nhóm', 'grade', 'Xếp loại', 'Nhóm điều hành'],
      source: ['Nguồn', 'source'],
    };
    const cols = mapColumns(table, aliases, ['index', 'year', 'value']);
    const known = new Set(Object.values(aliases).flat().map((a) => a.toLowerCase()));
    const issues: Issue[] = [];
    const componentCols: { header: string; code: string; name: string; max: string | null }[] = [];
    for (const h of table.headers) {
      if (!h || known.has(h.toLowerCase())) continue;
      const m = COMPONENT_HEADER.exec(h);
      const max = m?.[3] ? parseValue(m[3]) : null;
      if (!m || (m[3] && max === null)) issues.push({ row: 1, field: h, message: `Dòng 1 (tiêu đề), cột "${h}": không nhận ra cột; cột thành phần ghi dạng "MÃ: Tên (tối đa X)", ví dụ "D1: Tham gia của người dân ở cấp cơ sở (tối đa 10)".` });
      else componentCols.push({ header: h, code: m[1], name: m[2].trim(), max });
    }
    const rows: { row: number; code: IndexCode; year: number; input: IndexResultInput }[] = [];
    const firstRow = new Map<string, number>();
    for (const rec of table.records) {
      const at = (field: string, message: string) => issues.push({ row: rec.row, field, message: `Dòng ${rec.row}, cột "${field}": ${message}` });
      const before = issues.length;
      const rawIndex = (cols.get(rec, 'index') ?? '').trim();
      const code = INDEX_ALIASES[rawIndex.toLowerCase()];
      if (!code) at(aliases.index[0], `"${rawIndex}" không phải chỉ số đã biết (PAR Index, SIPAS, PAPI, PCI).`);
      const rawYear = (cols.get(rec, 'year') ?? '').trim();
      const year = /^\d{4}$/.test(rawYear) ? Number(rawYear) : NaN;
      if (!(year >= 2000 && year <= 2100)) at(aliases.year[0], `"${rawYear}" không phải năm (4 chữ số).`);
      const num = (key: 'value' | 'max', required: boolean): string | null => {
        const raw = (cols.get(rec, key) ?? '').trim();
        if (!raw) {
          if (required) at(aliases[key][0], 'bỏ trống.');
          return null;
        }
        const v = parseValue(raw);
        if (v === null) at(aliases[key][0], `"${raw}" không phải số (dùng dấu phẩy hoặc dấu chấm thập phân, tối đa 4 chữ số thập phân).`);
        return v;
      };
      const int = (key: 'rank' | 'rankOf'): number | null => {
        const raw = (cols.get(rec, key) ?? '').trim();
        if (!raw) return null;
        if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1) {
          at(aliases[key][0], `"${raw}" không phải số nguyên dương.`);
          return null;
        }
        return Number(raw);
      };
      const value = num('value', true);
      const maxValue = num('max', false);
      const rank = int('rank');
      const rankOf = int('rankOf');
      const components: Component[] = [];
      for (const c of componentCols) {
        const raw = (rec.cells[c.header] ?? '').trim();
        if (!raw) continue;
        const v = parseValue(raw);
        if (v === null) at(c.header, `"${raw}" không phải số.`);
        else components.push({ code: c.code, name: c.name, value: v, max: c.max });
      }
      if (issues.length > before || !code || value === null) continue;
      const key = `${code} ${year}`;
      if (firstRow.has(key)) {
        at(aliases.index[0], `${INDEX_INFO[code].short} năm ${year} trùng với dòng ${firstRow.get(key)}.`);
        continue;
      }
      firstRow.set(key, rec.row);
      const input: IndexResultInput = { value, maxValue, rank, rankOf, grade: cols.get(rec, 'grade')?.trim() || null, source: cols.get(rec, 'source')?.trim() || null, components };
      for (const p of checkResult(code, input)) at(aliases.value[0], `${INDEX_INFO[code].short} năm ${year}: ${p}`);
      rows.push({ row: rec.row, code, year, input });
    }
    if (table.records.length === 0) issues.push({ message: 'Tệp không có dòng dữ liệu nào.' });
    if (issues.length)
      throw new AppError('VALIDATION', `Tệp có ${issues.length} lỗi; không có số liệu nào được lưu. ${issues.slice(0, 3).map((i) => i.message).join(' ')}`, issues);
    await this.db.transaction(async (tx) => {
      for (const r of rows) await this.save(actor, r.code, r.year, r.input, tx);
    });
    return { saved: rows.length };
  }
}
