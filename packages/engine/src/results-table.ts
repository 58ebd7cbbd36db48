import type { ClassBand, Issue, TiePolicy } from '@parindex/contracts';
import { Decimal, ZERO, dec } from './decimal.ts';
import type { RankInput } from './ranking.ts';

/** One row of a published results table as read from CSV/XLSX (strings, header names already mapped). */
export interface ResultsTableRow {
  /** 1-based line/row in the source file, header = 1. */
  row: number;
  group?: string;
  unit?: string;
  unitCode?: string;
  appraised?: string;
  survey?: string;
  max?: string;
  publishedIndex?: string;
  publishedClass?: string;
  publishedOrder?: string;
}

export interface ParsedResultsRow extends RankInput {
  row: number;
  unitCode?: string;
  publishedIndex?: Decimal;
  publishedClass?: string;
  publishedOrder?: number;
}

const NUMBER = /^-?\d+([.,]\d+)?$/;

function num(r: ResultsTableRow, value: string | undefined, field: string, issues: Issue[], required: boolean): Decimal | undefined {
  const v = value?.trim() ?? '';
  if (v === '') {
    if (required) issues.push({ row: r.row, field, message: `thiếu giá trị "${field}".` });
    return undefined;
  }
  if (!NUMBER.test(v)) {
    issues.push({ row: r.row, field, message: `"${v}" không phải là số.` });
    return undefined;
  }
  return dec(v);
}

/**
 * Validates the rows of a results table (group, unit, appraised points, survey points — may be
 * empty —, maximum, optional published index/class/order) and turns them into totals. Every
 * problem is reported with its row; no rows are returned when any is wrong.
 */
export function parseResultsTable(rows: readonly ResultsTableRow[]): { ok: true; rows: ParsedResultsRow[] } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const out: ParsedResultsRow[] = [];
  const seen = new Map<string, number>();
  if (rows.length === 0) return { ok: false, issues: [{ message: 'Bảng kết quả không có dòng dữ liệu nào.' }] };
  for (const r of rows) {
    const before = issues.length;
    const group = r.group?.trim();
    const unit = r.unit?.trim();
    if (!group) issues.push({ row: r.row, field: 'group', message: 'thiếu nhóm (group).' });
    if (!unit) issues.push({ row: r.row, field: 'unit', message: 'thiếu tên đơn vị (unit).' });
    const key = `${group}\u0000${r.unitCode?.trim() || unit}`;
    if (unit && group && seen.has(key)) issues.push({ row: r.row, field: 'unit', message: `đơn vị "${unit}" trùng với dòng ${seen.get(key)}.` });
    else if (unit && group) seen.set(key, r.row);
    const appraised = num(r, r.appraised, 'appraised_points', issues, true);
    const survey = num(r, r.survey, 'survey_points', issues, false) ?? ZERO;
    const max = num(r, r.max, 'max_points', issues, true);
    const publishedIndex = num(r, r.publishedIndex, 'index_percent', issues, false);
    const order = r.publishedOrder?.trim();
    if (order && !/^\d+$/.test(order)) issues.push({ row: r.row, field: 'order', message: `"${order}" không phải là số thứ tự.` });
    if (appraised?.isNegative()) issues.push({ row: r.row, field: 'appraised_points', message: 'điểm không được âm.' });
    if (survey.isNegative()) issues.push({ row: r.row, field: 'survey_points', message: 'điểm không được âm.' });
    if (max && !max.greaterThan(0)) issues.push({ row: r.row, field: 'max_points', message: 'điểm tối đa phải lớn hơn 0.' });
    if (appraised && max && appraised.plus(survey).greaterThan(max))
      issues.push({
        row: r.row,
        field: 'max_points',
        message: `tổng điểm ${appraised.plus(survey).toFixed()} vượt điểm tối đa ${max.toFixed()}.`,
      });
    if (issues.length > before || !appraised || !max) continue;
    out.push({
      row: r.row,
      unitId: r.unitCode?.trim() || `${group}/${unit}`,
      unitCode: r.unitCode?.trim() || undefined,
      name: unit!,
      group: group!,
      appraised,
      survey,
      total: appraised.plus(survey),
      max,
      publishedIndex,
      publishedClass: r.publishedClass?.trim() || undefined,
      publishedOrder: order ? Number(order) : undefined,
    });
  }
  return issues.length ? { ok: false, issues } : { ok: true, rows: out };
}

/** Parses "Tốt:80,Khá:70,Trung bình:50,Yếu:0" into classification bands. */
export function parseBandsSpec(spec: string): ClassBand[] {
  const bands = spec.split(',').map((part) => {
    const i = part.lastIndexOf(':');
    const label = part.slice(0, i).trim();
    const min = part.slice(i + 1).trim();
    if (i <= 0 || !label || !/^\d+(\.\d{1,3})?$/.test(min))
      throw new Error(`Khoảng xếp loại "${part.trim()}" không hợp lệ: cần dạng Nhãn:ngưỡng, ví dụ "Tốt:80".`);
    return { label, min };
  });
  if (new Set(bands.map((b) => b.label)).size !== bands.length) throw new Error('Các nhãn xếp loại bị trùng.');
  return bands;
}

/** Parses "shared" or an ordered tie-break list such as "appraised,survey". */
export function parseTiesSpec(spec: string): TiePolicy {
  const s = spec.trim();
  if (s === 'shared') return { mode: 'shared' };
  const keys = s.split(',').map((k) => k.trim());
  for (const k of keys)
    if (k !== 'appraised' && k !== 'survey' && k !== 'total')
      throw new Error(`Quy tắc đồng hạng "${k}" không hợp lệ: dùng "shared" hoặc danh sách appraised,survey.`);
  return { mode: 'ordered', keys: keys as ('appraised' | 'survey' | 'total')[] };
}
