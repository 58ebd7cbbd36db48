/**
 * The command-line way to run an assessed cycle without the web workflow: create the cycle from a
 * rubric version with its units and peer groups (`parindex cycles create`), and load leaf scores
 * from a table (`parindex scores import`) — e.g. a province's own spreadsheet of final points.
 *
 * Scores table (CSV or XLSX, docs/operations.md): unit_code, leaf_code, and either `points` (the
 * decided points, 0 … the leaf's maximum — stored as final points, as the council's would be) or
 * the raw inputs the leaf's rule takes (level, met, numerator, denominator, count, has_evidence),
 * which the engine scores at compute time. Every row is checked first; one bad row saves nothing.
 */
import { AppError, type CycleDto, type Issue, type LeafInputs } from '@parindex/contracts';
import { checkLeafInputs, indexRubric, leafApplies } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { mapColumns, readTable } from '../io/table-reader.ts';
import type { LeafScoreInput } from '../repositories/score.repository.ts';
import { presentCycle } from './presenters.ts';
import { inTransaction, repositories } from './repositories.ts';
import { RubricService } from './rubric.service.ts';

const CYCLE_UNIT_COLUMNS = {
  unitCode: ['unit_code', 'code', 'Mã đơn vị'],
  peerGroup: ['peer_group', 'group', 'Nhóm'],
};

const SCORE_COLUMNS = {
  unitCode: ['unit_code', 'Mã đơn vị'],
  leafCode: ['leaf_code', 'Mã tiêu chí', 'Tiêu chí'],
  points: ['points', 'Điểm'],
  level: ['level', 'Mức'],
  met: ['met', 'Đạt'],
  numerator: ['numerator', 'Tử số'],
  denominator: ['denominator', 'Mẫu số'],
  count: ['count', 'Số lượng'],
  hasEvidence: ['has_evidence', 'Có tài liệu kiểm chứng'],
};

const YES = new Set(['true', '1', 'x', 'có', 'đạt', 'yes']);
const NO = new Set(['false', '0', 'không', 'không đạt', 'no']);

export interface NewCycleOptions {
  year: number;
  /** "CODE" (newest version) or "CODE@N". */
  rubric: string;
  name?: string;
  /** Table of unit_code, peer_group. */
  unitsFile?: Buffer;
  /** Or: the units and peer groups of this earlier cycle. */
  unitsFromCycleId?: string;
}

export class ScoreImportService {
  constructor(private readonly db: Db) {}

  async createCycle(opts: NewCycleOptions): Promise<{ cycle: CycleDto; units: number }> {
    if (!Number.isInteger(opts.year) || opts.year < 2000 || opts.year > 2100) throw new AppError('VALIDATION', `Năm "${opts.year}" không hợp lệ (2000–2100).`);
    if (!opts.unitsFile === !opts.unitsFromCycleId)
      throw new AppError('VALIDATION', 'Cần cho biết đơn vị của kỳ đánh giá: --units TỆP (cột unit_code, peer_group) hoặc --units-from KỲ (chép từ một kỳ trước).');
    const version = await new RubricService(this.db).find(opts.rubric);
    const groups = new Set(version.document.peerGroups.map((g) => g.code));
    const repos = repositories(this.db);
    const issues: Issue[] = [];
    const members: { unitId: string; peerGroup: string }[] = [];
    const badGroup = (g: string) => `nhóm "${g}" không có trong bộ chỉ số ${version.code}@${version.version} (có: ${[...groups].join(', ')}).`;
    if (opts.unitsFile) {
      const table = await readTable(opts.unitsFile);
      const cols = mapColumns(table, CYCLE_UNIT_COLUMNS, ['unitCode', 'peerGroup']);
      const byCode = new Map((await repos.units.listAll()).map((u) => [u.code, u]));
      const seen = new Set<string>();
      for (const rec of table.records) {
        const code = cols.get(rec, 'unitCode')?.trim() ?? '';
        const group = cols.get(rec, 'peerGroup')?.trim() ?? '';
        const unit = byCode.get(code);
        if (!unit) issues.push({ row: rec.row, field: 'unit_code', message: code ? `không có đơn vị mã "${code}" trong danh mục (nhập bằng "parindex units import").` : 'thiếu mã đơn vị.' });
        else if (seen.has(code)) issues.push({ row: rec.row, field: 'unit_code', message: `đơn vị "${code}" đã có ở dòng trên.` });
        if (!groups.has(group)) issues.push({ row: rec.row, field: 'peer_group', message: badGroup(group) });
        if (unit && !seen.has(code) && groups.has(group)) members.push({ unitId: unit.id, peerGroup: group });
        seen.add(code);
      }
    } else {
      const from = await repos.cycles.getById(opts.unitsFromCycleId!);
      for (const u of await repos.cycles.listCycleUnits(from.id)) {
        if (groups.has(u.peerGroup)) members.push({ unitId: u.unitId, peerGroup: u.peerGroup });
        else issues.push({ field: 'units-from', message: `Đơn vị "${u.name}" thuộc ${badGroup(u.peerGroup)}` });
      }
    }
    if (issues.length) throw new AppError('VALIDATION', `Danh sách đơn vị của kỳ đánh giá có ${issues.length} lỗi; chưa tạo kỳ.`, issues);
    if (members.length === 0) throw new AppError('VALIDATION', 'Kỳ đánh giá cần ít nhất một đơn vị.');
    return inTransaction(this.db, async (r) => {
      const cycle = await r.cycles.create({ year: opts.year, name: opts.name?.trim() || `Chỉ số CCHC năm ${opts.year}`, source: 'assessed', rubricVersionId: version.id });
      await r.cycles.setCycleUnits(cycle.id, members);
      return { cycle: presentCycle(await r.cycles.getById(cycle.id)), units: members.length };
    });
  }

  /** Loads leaf scores into an assessed cycle that is not yet published; marks its results stale. */
  async importScores(cycleId: string, file: Buffer): Promise<{ rows: number; units: number; withPoints: number; withInputs: number }> {
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    if (cycle.source !== 'assessed' || !cycle.rubricVersionId)
      throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} là bảng kết quả đã công bố, không chấm theo tiêu chí: không nhập điểm được.`);
    if (cycle.status === 'published' || cycle.status === 'closed')
      throw new AppError('CONFLICT', `Kỳ đánh giá ${cycle.year} đã công bố: không nhập điểm được nữa.`);
    const rubric = indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document);
    const units = new Map((await repos.cycles.listCycleUnits(cycle.id)).map((u) => [u.code, u]));
    const excluded = new Map<string, Set<string>>();
    for (const e of await repos.cycles.listExclusions(cycle.id)) excluded.set(e.unitId, (excluded.get(e.unitId) ?? new Set()).add(e.nodeCode));

    const table = await readTable(file);
    const cols = mapColumns(table, SCORE_COLUMNS, ['unitCode', 'leafCode']);
    const issues: Issue[] = [];
    const rows: LeafScoreInput[] = [];
    const seen = new Map<string, number>();
    let withPoints = 0;
    for (const rec of table.records) {
      const say = (field: string, message: string) => issues.push({ row: rec.row, field, message });
      const get = (k: keyof typeof SCORE_COLUMNS) => cols.get(rec, k)?.trim() ?? '';
      const unit = units.get(get('unitCode'));
      const leaf = rubric.leafByCode.get(get('leafCode'));
      if (!unit) say('unit_code', get('unitCode') ? `đơn vị "${get('unitCode')}" không thuộc kỳ đánh giá ${cycle.year}.` : 'thiếu mã đơn vị.');
      if (!leaf) say('leaf_code', get('leafCode') ? `tiêu chí "${get('leafCode')}" không có (hoặc không phải tiêu chí được chấm) trong bộ chỉ số ${cycle.rubricCode}@${cycle.rubricVersion}.` : 'thiếu mã tiêu chí.');
      if (!unit || !leaf) continue;
      if (!leafApplies(leaf, unit.peerGroup, excluded.get(unit.unitId) ?? new Set()))
        say('leaf_code', `tiêu chí ${leaf.code} không áp dụng cho "${unit.name}" (nhóm ${unit.peerGroup} hoặc đã loại trừ).`);
      const key = `${unit.unitId}/${leaf.code}`;
      if (seen.has(key)) say('leaf_code', `điểm của "${unit.name}" cho tiêu chí ${leaf.code} đã có ở dòng ${seen.get(key)}.`);
      seen.set(key, rec.row);

      const inputs: LeafInputs = {};
      const number = (k: 'numerator' | 'denominator' | 'count', field: string) => {
        const v = get(k);
        if (v === '') return;
        const n = Number(v.replace(',', '.'));
        if (!/^\d+([.,]\d+)?$/.test(v) || (k === 'count' && !Number.isInteger(n))) say(field, `"${v}" không phải là ${k === 'count' ? 'số nguyên' : 'số'} không âm.`);
        else inputs[k] = n;
      };
      const flag = (k: 'met' | 'hasEvidence', field: string) => {
        const v = get(k).toLowerCase();
        if (v === '') return;
        if (YES.has(v)) inputs[k] = true;
        else if (NO.has(v)) inputs[k] = false;
        else say(field, `"${get(k)}" không phải là có/không (true/false, 1/0).`);
      };
      if (get('level')) inputs.level = get('level');
      flag('met', 'met');
      number('numerator', 'numerator');
      number('denominator', 'denominator');
      number('count', 'count');
      flag('hasEvidence', 'has_evidence');

      const pointsText = get('points');
      let points: string | null = null;
      if (pointsText !== '') {
        if (!/^-?\d+([.,]\d{1,3})?$/.test(pointsText)) say('points', `"${pointsText}" không phải là số (tối đa 3 chữ số thập phân).`);
        else {
          points = pointsText.replace(',', '.');
          // The engine's check of entered points (0 … the leaf's maximum), whatever the leaf's rule.
          for (const p of checkLeafInputs({ ...leaf, rule: { type: 'manual' } }, { points })) say('points', p.message);
          if (leaf.rule.type === 'manual' || leaf.rule.type === 'survey') inputs.points = points;
          withPoints++;
        }
      } else if (Object.keys(inputs).length === 0) {
        say('points', `cần điểm (points) hoặc dữ liệu của tiêu chí ${leaf.code} (level, met, numerator, denominator, count).`);
      } else {
        for (const p of checkLeafInputs(leaf, inputs)) say(String(p.field), p.message);
      }
      rows.push({ unitId: unit.unitId, leafCode: leaf.code, inputs, points });
    }
    if (table.records.length === 0) throw new AppError('VALIDATION', 'Bảng điểm không có dòng nào.');
    if (issues.length) throw new AppError('VALIDATION', `Bảng điểm có ${issues.length} lỗi; chưa lưu điểm nào.`, issues);
    await inTransaction(this.db, async (r) => {
      await r.scores.upsertLeafScores(cycle.id, rows);
      await r.cycles.setComputedAt(cycle.id, null);
    });
    return { rows: rows.length, units: new Set(rows.map((r) => r.unitId)).size, withPoints, withInputs: rows.length - withPoints };
  }
}
