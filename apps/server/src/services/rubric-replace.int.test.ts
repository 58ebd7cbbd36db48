import type { RubricDocumentInput } from '@parindex/contracts';
import { parseCombineSpec } from '@parindex/engine';
import { expect, it } from 'vitest';
import { CONSOLE } from '../auth/auth.service.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { repositories } from './repositories.ts';
import { ResultsService } from './results.service.ts';
import { RubricService } from './rubric.service.ts';
import { ScoreImportService } from './score-import.service.ts';
import { UnitService } from './unit.service.ts';

const L11 = { code: '1.1', title: 'Kiểm tra CCHC', max: '4', source: 'appraised', rule: { type: 'manual' } } as const;
const L12 = { code: '1.2', title: 'Báo cáo đúng hạn', max: '2', source: 'appraised', rule: { type: 'binary' } } as const;
const L13 = { code: '1.3', title: 'Kế hoạch CCHC', max: '4', source: 'appraised', rule: { type: 'levels', levels: [{ code: 'a', label: 'Đúng hạn', points: '4' }, { code: 'b', label: 'Chậm', points: '2' }] } } as const;
/** Three leaves: 1.1 points (max 4), 1.2 met/not met (2), 1.3 levels (4). */
const v1: RubricDocumentInput = {
  code: 'T27', name: 'Bộ chỉ số thử 2027', year: 2027, unitKinds: ['department'],
  settings: { bands: [{ label: 'Tốt', min: '80' }, { label: 'Khá', min: '70' }, { label: 'Trung bình', min: '0' }], ties: { mode: 'shared' } },
  peerGroups: [{ code: 'departments', name: 'Sở, ban, ngành' }],
  fields: [{ code: '1', title: 'Chỉ đạo, điều hành', max: '10', children: [L11, L12, L13] }],
};
/** 1.1 re-weighted to 5, 1.2 removed, 1.3 kept, 1.4 added. */
const v2: RubricDocumentInput = {
  ...v1,
  fields: [{ code: '1', title: 'Chỉ đạo, điều hành', max: '10', children: [
    { ...L11, max: '5' },
    L13,
    { code: '1.4', title: 'Sáng kiến', max: '1', source: 'appraised', rule: { type: 'binary' } },
  ] }],
};
const json = (d: unknown) => Buffer.from(JSON.stringify(d));

describeEachDatabase('replacing the rubric inside a running cycle', (getDb) => {
  it('keeps the scores of surviving leaves, deletes and reports removed ones, and compute works on the new version', async () => {
    const db = getDb();
    await new RubricService(db).upload(CONSOLE, json(v1));
    await new UnitService(db).importFile(Buffer.from('code,name,kind\nso-a,Sở A,department\nso-b,Sở B,department\n'));
    const scores = new ScoreImportService(db);
    const { cycle } = await scores.createCycle({ year: 2027, rubric: 'T27', unitsFile: Buffer.from('unit_code,peer_group\nso-a,departments\nso-b,departments\n') });
    await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points,met,level\nso-a,1.1,3.5,,\nso-a,1.2,,true,\nso-a,1.3,,,a\nso-b,1.1,2,,\nso-b,1.2,,false,\nso-b,1.3,,,b\n'));
    const results = new ResultsService(db);
    expect((await results.compute(cycle.id)).groups[0].meanIndex).toBe('67.50'); // Sở A 9.5 of 10, Sở B 4 of 10

    const { rubric: version, report, unchanged } = await new RubricService(db).replaceFromFile(CONSOLE, cycle.id, json(v2));
    expect([version.version, unchanged]).toEqual([2, false]);
    expect(report.kept.sort()).toEqual(['1.1', '1.3']);
    expect(report.added.map((x) => x.code)).toEqual(['1.4']);
    expect(report.removed.map((x) => [x.code, x.max])).toEqual([['1.2', '2']]);
    expect(report.reweighted.map((x) => [x.code, x.oldMax, x.newMax])).toEqual([['1.1', '4', '5']]);

    const r = repositories(db);
    const left = (await r.scores.listLeafScores(cycle.id)).map((s) => `${s.leafCode}:${s.points ?? s.inputs.level}`).sort();
    expect(left).toEqual(['1.1:2', '1.1:3.5', '1.3:a', '1.3:b']);
    const after = await r.cycles.getById(cycle.id);
    expect([after.rubricVersion, after.computedAt]).toEqual([2, null]);
    // Unit A: 3.5 + 4 of 10 (1.4 not yet scored) = 75; unit B: 2 + 2 = 40.
    expect((await results.compute(cycle.id)).groups[0].meanIndex).toBe('57.50');
  });

  it('an incremental recomputation keeps a combined group equal to a full compute', async () => {
    const db = getDb();
    await new RubricService(db).upload(CONSOLE, json({ ...v1, peerGroups: [...v1.peerGroups, { code: 'special', name: 'Đặc thù' }] }));
    await new UnitService(db).importFile(Buffer.from('code,name,kind\nso-a,Sở A,department\nso-b,Sở B,special_department\n'));
    const scores = new ScoreImportService(db);
    const { cycle } = await scores.createCycle({ year: 2027, rubric: 'T27', unitsFile: Buffer.from('unit_code,peer_group\nso-a,departments\nso-b,special\n') });
    await scores.importScores(cycle.id, Buffer.from('unit_code,leaf_code,points\nso-a,1.1,4\nso-b,1.1,2\n'));
    const results = new ResultsService(db);
    const first = await results.compute(cycle.id, { combine: [parseCombineSpec('Khối sở=departments+special')] });
    expect(first.combinedGroups.map((g) => g.meanIndex)).toEqual(['30.00']); // (40 + 20) / 2
    const r = repositories(db);
    const b = (await r.cycles.listCycleUnits(cycle.id)).find((u) => u.code === 'so-b')!;
    await r.scores.upsertLeafScores(cycle.id, [{ unitId: b.unitId, leafCode: '1.1', inputs: {}, points: '4' }]);
    expect((await results.recomputeUnit(cycle.id, b.unitId)).mode).toBe('incremental');
    const stored = await results.groupSummaries(cycle.id);
    expect(stored.combined.map((g) => g.meanIndexRounded)).toEqual(['40.00']);
    await results.compute(cycle.id);
    expect((await results.groupSummaries(cycle.id)).combined).toEqual(stored.combined);
  });

  it('a refused replacement saves no new version', async () => {
    const db = getDb();
    await new RubricService(db).upload(CONSOLE, json(v1));
    await new UnitService(db).importFile(Buffer.from('code,name,kind\nso-a,Sở A,department\n'));
    const { cycle } = await new ScoreImportService(db).createCycle({ year: 2027, rubric: 'T27', unitsFile: Buffer.from('unit_code,peer_group\nso-a,departments\n') });
    await repositories(db).cycles.setStatus(cycle.id, 'published');
    const err = await new RubricService(db).replaceFromFile(CONSOLE, cycle.id, json(v2)).catch((e) => e);
    expect(err.code).toBe('CONFLICT');
    expect((await repositories(db).rubrics.findLatest('T27'))!.version).toBe(1);
  });
});
