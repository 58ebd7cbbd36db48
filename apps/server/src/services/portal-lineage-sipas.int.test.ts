/**
 * Issue 5 gaps on the demo province: a merged successor carries its predecessors' open
 * remediation actions (labelled with their names); the dashboard's SIPAS per unit and factor.
 */
import { expect, it } from 'vitest';
import { questionnaires, remediationActions, surveyResponses } from '../db/schema.ts';
import { newId } from '../db/sql-helpers.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { republishForTest } from './publication/publication-testing.ts';
import { RemediationService } from './remediation.service.ts';
import { ResultsService } from './results.service.ts';
import { ScorecardService } from './scorecard.service.ts';

describeEachDatabase('lineage of remediation plans, SIPAS on the dashboard', (getDb) => {
  const setup = async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const svc = new ResultsService(db);
    const cycles = await svc.listCycles({ publicOnly: true });
    const c2025 = cycles.find((c) => c.year === 2025)!;
    const c2024 = cycles.find((c) => c.year === 2024)!;
    const units = (await svc.getResults(c2025.id, { publicOnly: true })).groups.flatMap((g) => g.units);
    return { db, c2025, c2024, units };
  };

  it('a merged commune sees its predecessors’ open actions of last year, each with the predecessor’s name', async () => {
    const { db, c2025, c2024, units } = await setup();
    const merged = units.find((u) => u.unitCode === 'phuong-tan-lap')!;
    const repo = new UnitRepository(db);
    const preds = (await repo.listLineage()).filter((l) => l.successorId === merged.unitId).map((l) => l.predecessorId);
    expect(preds).toHaveLength(2);
    const [a, b] = await Promise.all(preds.map((id) => repo.getById(id)));
    const action = (unitId: string, leafCode: string, text: string, status: 'planned' | 'in_progress' | 'done') =>
      ({ id: newId(), cycleId: c2024.id, unitId, leafCode, pointsLost: '0.5', action: text, owner: 'Văn phòng UBND xã', status, updatedBy: 'test' });
    await db.insert(remediationActions).values([
      action(a.id, '1.1.1', 'Ban hành kế hoạch CCHC đúng hạn', 'planned'),
      action(a.id, '3.1.1', 'Đã xong: niêm yết TTHC', 'done'),
      action(b.id, '6.1.1', 'Số hóa hồ sơ', 'in_progress'),
    ]);
    const view = await new RemediationService(db).view(c2025.id, merged.unitId);
    expect(view.carried?.cycle.year).toBe(2024);
    const carried = view.carried!.actions.map((x) => [x.action, x.fromUnit?.name, x.status]);
    expect(carried).toEqual(
      expect.arrayContaining([
        ['Ban hành kế hoạch CCHC đúng hạn', a.name, 'planned'],
        ['Số hóa hồ sơ', b.name, 'in_progress'],
      ]),
    );
    expect(carried).toHaveLength(2); // the finished action stays with last year
    // the leaf's points this year sit next to the inherited action
    expect(view.carried!.actions.find((x) => x.leafCode === '6.1.1')?.now?.code).toBe('6.1.1');
    // a unit without predecessors carries nothing from them
    const other = units.find((u) => u.unitCode === 'phuong-ta-mung')!;
    expect((await new RemediationService(db).view(c2025.id, other.unitId)).carried).toBeNull();
  });

  it('SIPAS per unit and factor from the cycle’s SIPAS responses; none → an empty list', async () => {
    const { db, c2025, units } = await setup();
    expect((await new ScorecardService(db).getDashboard(c2025.id)).sipas.surveys).toEqual([]);
    const doc = sampleSipasQuestionnaire();
    const qid = newId();
    await db.insert(questionnaires).values({ id: qid, cycleId: c2025.id, code: doc.code, kind: 'sipas', document: doc });
    const items = doc.questions.filter((q) => q.sipas?.kind === 'satisfaction');
    const tuPhap = units.find((u) => u.unitCode === 'so-tu-phap')!;
    // Two forms about Sở Tư pháp: all "5" and all "2" → 50% satisfied in every factor; one more "4" → 66,67%.
    const form = (level: string) => ({ id: crypto.randomUUID(), questionnaireId: qid, unitId: tuPhap.unitId, respondentGroup: 'nguoi_dan', channel: 'online', answers: Object.fromEntries(items.map((q) => [q.code, level])) });
    await db.insert(surveyResponses).values([form('5'), form('2'), form('4')]);
    // A published cycle shows the SIPAS frozen with its publication, never the live responses.
    expect((await new ScorecardService(db).getDashboard(c2025.id)).sipas.surveys).toEqual([]);
    await republishForTest(db, c2025.id);
    await db.insert(surveyResponses).values([form('1')]);
    const d = await new ScorecardService(db).getDashboard(c2025.id);
    expect(d.sipas.surveys).toHaveLength(1);
    const s = d.sipas.surveys[0];
    expect(s.factors).toHaveLength(5);
    const row = s.units.find((u) => u.unitId === tuPhap.unitId)!;
    expect(row.responses).toBe(3);
    expect(row.factors.map((f) => f.percentRounded)).toEqual(Array(5).fill('66.67'));
    expect(row.overallRounded).toBe('66.67');
    expect(s.units.find((u) => u.unitId !== tuPhap.unitId)).toMatchObject({ responses: 0, overallRounded: null });
    expect(s.units).toHaveLength(units.length);
    expect(s.province.responses).toBe(3);
  });
});
