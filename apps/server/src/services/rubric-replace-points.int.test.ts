import type { RubricDocumentInput } from '@parindex/contracts';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { CONSOLE, type SessionUser } from '../auth/auth.service.ts';
import { leafScores } from '../db/schema.ts';
import { exportRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { repositories } from './repositories.ts';
import { ResultsService } from './results.service.ts';
import { RubricService, parseRubricFile } from './rubric.service.ts';
import { ScoreImportService } from './score-import.service.ts';
import { UnitService } from './unit.service.ts';
import { listAudit } from './workflow/audit.ts';

const L11 = { code: '1.1', title: 'Kiểm tra CCHC', max: '7', source: 'appraised', rule: { type: 'manual' } } as const;
const L12 = { code: '1.2', title: 'Báo cáo đúng hạn', max: '3', source: 'appraised', rule: { type: 'binary' } } as const;
const L21 = {
  code: '2.1', title: 'Hồ sơ đúng hạn', max: '2', source: 'appraised',
  rule: { type: 'ratio_bands', numeratorLabel: 'Số hồ sơ đúng hạn', denominatorLabel: 'Tổng số hồ sơ', bands: [{ minPercent: '90', points: '2' }, { minPercent: '0', points: '0' }], whenNone: 'full' },
} as const;
/** 1.1 points (max 7), 1.2 met/not met (3), 2.1 ratio bands (2): a rule with several keys, which jsonb stores in another order. */
const v1: RubricDocumentInput = {
  code: 'T28', name: 'Bộ chỉ số thử 2028', year: 2028, unitKinds: ['department'],
  settings: { bands: [{ label: 'Tốt', min: '80' }, { label: 'Trung bình', min: '0' }], ties: { mode: 'shared' } },
  peerGroups: [{ code: 'departments', name: 'Sở, ban, ngành' }],
  fields: [
    { code: '1', title: 'Chỉ đạo, điều hành', max: '10', children: [L11, L12] },
    { code: '2', title: 'Thủ tục hành chính', max: '2', children: [L21] },
  ],
};
/** 1.1 re-weighted 7 → 5, 1.2 3 → 5. */
const v2: RubricDocumentInput = { ...v1, fields: [{ code: '1', title: 'Chỉ đạo, điều hành', max: '10', children: [{ ...L11, max: '5' }, { ...L12, max: '5' }] }, v1.fields[1]] };
const json = (d: unknown) => Buffer.from(JSON.stringify(d));
const appraiser = { id: 'u1', username: 'thamdinh1', fullName: 'Thẩm định 1', email: null, role: 'appraiser', unitId: 'x', unitName: 'X' } satisfies SessionUser;

describeEachDatabase('rubric replacement is safe: points above a lowered maximum, identical rubrics, references, stages', (getDb) => {
  /** Sở Tư pháp has 6 on 1.1 at every stage (entered, self, proposal, decided); Sở Y tế 3,5 decided. */
  async function setup() {
    const db = getDb();
    await new RubricService(db).upload(CONSOLE, json(v1));
    await new UnitService(db).importFile(Buffer.from('code,name,kind\nstp,Sở Tư pháp,department\nsyt,Sở Y tế,department\n'));
    const scores = new ScoreImportService(db);
    const { cycle } = await scores.createCycle({ year: 2028, rubric: 'T28', unitsFile: Buffer.from('unit_code,peer_group\nstp,departments\nsyt,departments\n') });
    await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points,met,numerator,denominator\nstp,1.2,,true,,\nstp,2.1,,,95,100\nsyt,1.1,3.5,,,\nsyt,1.2,,false,,\n'));
    const units = await repositories(db).cycles.listCycleUnits(cycle.id);
    const stp = units.find((u) => u.code === 'stp')!.unitId;
    await db.insert(leafScores).values({ cycleId: cycle.id, unitId: stp, leafCode: '1.1', inputs: { points: '6' }, points: '6', selfPoints: '6', proposedPoints: '6' });
    return { db, cycle, stp, service: new RubricService(db) };
  }
  const row = async (cycleId: string, unitId: string, leafCode: string) =>
    (await getDb().select().from(leafScores).where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode))))[0];

  it('re-weighting 7 → 5 with 6 given is refused, listing unit × leaf × field, and saves nothing', async () => {
    const { db, cycle, stp, service } = await setup();
    const before = await row(cycle.id, stp, '1.1');
    const err = await service.replaceFromFile(CONSOLE, cycle.id, json(v2)).catch((e) => e);
    expect([err.code, err.message]).toEqual(['CONFLICT', expect.stringContaining('4 điểm đã chấm vượt điểm tối đa mới')]);
    expect(err.message).toContain('--rescale');
    expect(err.issues.map((i: { message: string }) => i.message)).toEqual([
      'Sở Tư pháp — 1.1: điểm nhập 6 > điểm tối đa mới 5',
      'Sở Tư pháp — 1.1: điểm tự đánh giá 6 > điểm tối đa mới 5',
      'Sở Tư pháp — 1.1: điểm thẩm định 6 > điểm tối đa mới 5',
      'Sở Tư pháp — 1.1: điểm quyết định 6 > điểm tối đa mới 5',
    ]);
    const r = repositories(db);
    expect((await r.rubrics.findLatest('T28'))!.version).toBe(1);
    expect((await r.cycles.getById(cycle.id)).rubricVersion).toBe(1);
    expect(await row(cycle.id, stp, '1.1')).toEqual(before);
    expect(await listAudit(db, { cycleId: cycle.id })).toEqual([]);

    // The preview shows the same list and saves nothing either.
    const parsed = await parseRubricFile(json(v2));
    if (!parsed.ok) throw new Error('v2 should parse');
    const preview = await service.previewReplace(CONSOLE, cycle.id, parsed.doc);
    expect([preview.unchanged, preview.overMax.length, preview.rubric]).toEqual([false, 4, { id: null, code: 'T28', version: 2 }]);
    expect((await r.rubrics.findLatest('T28'))!.version).toBe(1);
    const withRescale = await service.previewReplace(CONSOLE, cycle.id, parsed.doc, { rescale: true });
    expect([withRescale.overMax, withRescale.rescaled.length]).toEqual([[], 6]);
    expect(await row(cycle.id, stp, '1.1')).toEqual(before);
  });

  it('with rescale, 6 of 7 becomes 4,286 of 5 at every stage, listed, and computed results stay within the maximum', async () => {
    const { db, cycle, stp, service } = await setup();
    const out = await service.replaceFromFile(CONSOLE, cycle.id, json(v2), { rescale: true });
    expect([out.unchanged, out.rubric.version, out.overMax]).toEqual([false, 2, []]);
    expect(out.rescaled.map((x) => `${x.unitName} ${x.leafCode} ${x.field} ${x.before} → ${x.after}`).sort()).toEqual([
      'Sở Tư pháp 1.1 final 6 → 4.286',
      'Sở Tư pháp 1.1 input 6 → 4.286',
      'Sở Tư pháp 1.1 proposed 6 → 4.286',
      'Sở Tư pháp 1.1 self 6 → 4.286',
      'Sở Y tế 1.1 final 3.5 → 2.5',
      'Sở Y tế 1.1 input 3.5 → 2.5',
    ]);
    const stored = await row(cycle.id, stp, '1.1');
    expect([stored.points, stored.selfPoints, stored.proposedPoints, stored.inputs.points, stored.revision]).toEqual(['4.286', '4.286', '4.286', '4.286', 2]);
    expect((await listAudit(db, { cycleId: cycle.id })).map((a) => a.action).sort()).toEqual(['rubric.replace', 'rubric.rescale', 'rubric.rescale']);

    const results = new ResultsService(db);
    await results.compute(cycle.id);
    const units = (await results.getResults(cycle.id, { publicOnly: false })).groups[0].units;
    // Sở Tư pháp: 4.286 + 5 (1.2 met, now worth 5) + 2 (95% ≥ 90%) of 12; Sở Y tế: 2.5 + 0 + 0.
    expect(units.map((u) => [u.unitName, u.total, u.max])).toEqual([['Sở Tư pháp', '11.286', '12'], ['Sở Y tế', '2.5', '12']]);
    for (const u of units) expect(Number(u.total)).toBeLessThanOrEqual(Number(u.max));
  });

  it('an identical rubric stores nothing and says so — also after the database reordered its keys', async () => {
    const { db, cycle, service } = await setup();
    const out = await service.replaceFromFile(CONSOLE, cycle.id, json(v1));
    expect([out.unchanged, out.message, out.rubric.version]).toEqual([true, 'Bộ chỉ số không thay đổi: không lưu phiên bản mới.', 1]);
    expect(out.report).toMatchObject({ added: [], removed: [], reweighted: [], ruleChanged: [] });
    // The workbook the app exports of the current version is the same document too.
    const current = (await repositories(db).rubrics.findLatest('T28'))!.document;
    expect((await service.replaceFromFile(CONSOLE, cycle.id, await exportRubricXlsx(current))).unchanged).toBe(true);
    expect((await repositories(db).rubrics.findLatest('T28'))!.version).toBe(1);
    expect(await listAudit(db, { cycleId: cycle.id })).toEqual([]);
  });

  it('a rule naming a criterion code that does not exist is an import error naming the row, the rule and the code', async () => {
    const { db, cycle, service } = await setup();
    // The stored document (defaults filled in), given a rule whose level names a code the rubric lacks.
    const bad = structuredClone((await repositories(db).rubrics.findLatest('T28'))!.document);
    bad.fields[1].children![0] = { ...L21, rule: { type: 'levels', levels: [{ code: 'a', label: 'Như tiêu chí 9.9.9', points: '2' }, { code: 'b', label: 'Không đạt', points: '0' }] } };
    const fromJson = await service.replaceFromFile(CONSOLE, cycle.id, json(bad), { rescale: true }).catch((e) => e);
    expect(fromJson.code).toBe('VALIDATION');
    expect(fromJson.issues).toEqual([{ field: 'fields[1].children[0].rule.levels[0].label', message: expect.stringContaining('tiêu chí 2.1 nhắc tới mã 9.9.9 ("Như tiêu chí 9.9.9")') }]);
    const fromXlsx = await service.replaceFromFile(CONSOLE, cycle.id, await exportRubricXlsx(bad), { rescale: true }).catch((e) => e);
    expect(fromXlsx.issues).toEqual([expect.objectContaining({ row: 8, field: 'Phương pháp chấm điểm', message: expect.stringMatching(/^Dòng 8, cột Phương pháp chấm điểm: .*không có mã 9\.9\.9/) })]);
    expect((await repositories(db).rubrics.findLatest('T28'))!.version).toBe(1);
  });

  it('is refused from the council onward and once published (409), and to anyone but the secretariat', async () => {
    const { db, cycle, service } = await setup();
    const r = repositories(db);
    for (const [status, text] of [['council', 'giai đoạn Hội đồng thẩm định'], ['approved', 'từ giai đoạn Hội đồng thẩm định trở đi'], ['published', 'đã công bố'], ['closed', 'đã đóng']] as const) {
      await r.cycles.setStatus(cycle.id, status);
      const err = await service.replaceFromFile(CONSOLE, cycle.id, json(v2), { rescale: true }).catch((e) => e);
      expect([status, err.code, err.message]).toEqual([status, 'CONFLICT', expect.stringContaining(text)]);
    }
    await r.cycles.setStatus(cycle.id, 'appraisal');
    const forbidden = await service.replaceFromFile(appraiser, cycle.id, json(v2), { rescale: true }).catch((e) => e);
    expect(forbidden.code).toBe('FORBIDDEN');
    expect((await r.rubrics.findLatest('T28'))!.version).toBe(1);
    expect((await service.replaceFromFile({ ...appraiser, role: 'secretariat' }, cycle.id, json(v2), { rescale: true })).rubric.version).toBe(2);
  });
});
