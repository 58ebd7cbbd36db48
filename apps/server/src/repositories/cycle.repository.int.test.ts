import { expect, it } from 'vitest';
import { buildRubric, expectAppError, seedCycle, seedUnits } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { CycleRepository } from './cycle.repository.ts';
import { RubricRepository } from './rubric.repository.ts';
import { ScoreRepository } from './score.repository.ts';

describeEachDatabase('cycle repository', (getDb) => {
  const repo = () => new CycleRepository(getDb());

  it('creates a cycle with its rubric version and imported settings, and reads them back', async () => {
    const rubric = await new RubricRepository(getDb()).insertVersion(buildRubric());
    const assessed = await repo().create({ year: 2025, name: 'Kỳ 2025', source: 'assessed', rubricVersionId: rubric.id });
    expect(assessed).toMatchObject({ status: 'draft', rubricCode: 'CCHC-SO', rubricVersion: 1, computedAt: null, settings: null });

    const settings = { bands: [{ label: 'Tốt', min: '80' }], ties: { mode: 'shared' as const }, peerGroups: [{ code: 'SO', name: 'Sở' }] };
    const imported = await repo().create({ year: 2020, name: 'Kết quả 2020', source: 'imported', status: 'published', settings });
    const loaded = await repo().getById(imported.id);
    expect(loaded).toMatchObject({ source: 'imported', status: 'published', rubricCode: null, rubricVersion: null });
    expect(loaded.settings).toEqual(settings);
  });

  it('lists cycles newest year first', async () => {
    await repo().create({ year: 2023, name: 'Kỳ 2023', source: 'assessed' });
    await repo().create({ year: 2025, name: 'Kỳ 2025', source: 'assessed' });
    await repo().create({ year: 2024, name: 'Kỳ 2024', source: 'imported' });
    expect((await repo().list()).map((c) => c.year)).toEqual([2025, 2024, 2023]);
  });

  it('changes status, rubric version and computed time; NOT_FOUND for an unknown cycle', async () => {
    const cycle = await repo().create({ year: 2025, name: 'Kỳ 2025', source: 'assessed' });
    const rubric = await new RubricRepository(getDb()).insertVersion(buildRubric());
    const at = new Date('2026-03-15T08:30:00.000Z');

    await repo().setStatus(cycle.id, 'appraisal');
    await repo().setRubricVersion(cycle.id, rubric.id);
    const updated = await repo().setComputedAt(cycle.id, at);
    expect(updated).toMatchObject({ status: 'appraisal', rubricVersionId: rubric.id, rubricVersion: 1 });
    expect(updated.computedAt?.toISOString()).toBe(at.toISOString());

    await expectAppError(repo().setStatus('missing', 'open'), 'NOT_FOUND');
    await expectAppError(repo().setRubricVersion(cycle.id, 'missing'), 'VALIDATION');
    expect((await repo().getById(cycle.id)).rubricVersionId).toBe(rubric.id);
  });

  it('replaces the cycle units: adds, regroups and removes, listing them with unit details', async () => {
    const [a, b, c] = await seedUnits(getDb(), 3, 'SO');
    const [x] = await seedUnits(getDb(), 1, 'XA', 'commune');
    const cycle = await repo().create({ year: 2025, name: 'Kỳ 2025', source: 'assessed' });

    await repo().setCycleUnits(cycle.id, [
      { unitId: a.id, peerGroup: 'SO' },
      { unitId: b.id, peerGroup: 'SO' },
      { unitId: c.id, peerGroup: 'SO' },
    ]);
    await repo().setCycleUnits(cycle.id, [
      { unitId: x.id, peerGroup: 'XA' },
      { unitId: c.id, peerGroup: 'DAC_THU' },
      { unitId: a.id, peerGroup: 'SO' },
    ]);

    expect(await repo().listCycleUnits(cycle.id)).toEqual([
      { unitId: c.id, peerGroup: 'DAC_THU', code: c.code, name: c.name, kind: 'department' },
      { unitId: a.id, peerGroup: 'SO', code: a.code, name: a.name, kind: 'department' },
      { unitId: x.id, peerGroup: 'XA', code: x.code, name: x.name, kind: 'commune' },
    ]);
  });

  it('refuses to remove a unit that has scores, changing nothing, and keeps its scores when regrouped', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 2 });
    await new ScoreRepository(getDb()).upsertLeafScores(cycle.id, [{ unitId: units[0].id, leafCode: '1.1', inputs: { level: 'ontime' }, points: '70' }]);

    const err = await expectAppError(repo().setCycleUnits(cycle.id, [{ unitId: units[1].id, peerGroup: 'KHAC' }]), 'CONFLICT');
    expect(err.message).toContain('đã có điểm');
    expect((await repo().listCycleUnits(cycle.id)).map((u) => [u.unitId, u.peerGroup])).toEqual([
      [units[0].id, 'SO'],
      [units[1].id, 'SO'],
    ]);

    await repo().setCycleUnits(cycle.id, [{ unitId: units[0].id, peerGroup: 'KHAC' }, { unitId: units[1].id, peerGroup: 'SO' }]);
    expect(await new ScoreRepository(getDb()).listLeafScores(cycle.id)).toHaveLength(1);
  });

  it('rejects unknown units and unknown cycles', async () => {
    const { cycle } = await seedCycle(getDb(), { unitCount: 1 });
    await expectAppError(repo().setCycleUnits(cycle.id, [{ unitId: 'unknown', peerGroup: 'SO' }]), 'VALIDATION');
    expect(await repo().listCycleUnits(cycle.id)).toHaveLength(1);
    await expectAppError(repo().setCycleUnits('missing', []), 'NOT_FOUND');
  });

  it('replaces exclusions for the cycle or for one unit', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 2 });
    const [a, b] = units;
    await repo().setExclusions(cycle.id, [
      { unitId: a.id, nodeCode: '3', basis: 'Không có TTHC' },
      { unitId: b.id, nodeCode: '2.1', basis: 'Văn bản số 12/SNV' },
    ]);
    await repo().setUnitExclusions(cycle.id, a.id, [{ nodeCode: '6', basis: 'Không có đơn vị sự nghiệp' }]);

    expect(await repo().listExclusions(cycle.id, a.id)).toEqual([{ unitId: a.id, nodeCode: '6', basis: 'Không có đơn vị sự nghiệp' }]);
    expect(await repo().listExclusions(cycle.id)).toHaveLength(2);

    await repo().setExclusions(cycle.id, []);
    expect(await repo().listExclusions(cycle.id)).toEqual([]);
  });

  it('rejects an exclusion for a unit outside the cycle and keeps the previous ones', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 1 });
    const [outsider] = await seedUnits(getDb(), 1, 'NGOAI');
    await repo().setExclusions(cycle.id, [{ unitId: units[0].id, nodeCode: '3', basis: 'Không có TTHC' }]);

    await expectAppError(
      repo().setExclusions(cycle.id, [
        { unitId: units[0].id, nodeCode: '4', basis: 'x' },
        { unitId: outsider.id, nodeCode: '3', basis: 'x' },
      ]),
      'VALIDATION',
    );
    expect(await repo().listExclusions(cycle.id)).toEqual([{ unitId: units[0].id, nodeCode: '3', basis: 'Không có TTHC' }]);
  });
});
