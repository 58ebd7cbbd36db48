import type { GroupSummaryDto } from '@parindex/contracts';
import { expect, it } from 'vitest';
import { expectAppError, seedCycle, seedUnits } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { CycleRepository } from './cycle.repository.ts';
import { ResultsRepository, type UnitResultRow } from './results.repository.ts';

const resultRow = (unitId: string, ord: number, overrides: Partial<UnitResultRow> = {}): UnitResultRow => ({
  unitId,
  peerGroup: 'SO',
  appraised: '60.96',
  survey: '5.50',
  bonus: '0',
  deduction: '0.25',
  total: '66.21',
  maxPoints: '98',
  indexExact: '67.561224489795918367346938775510204081632653',
  classification: 'Trung bình',
  rank: ord,
  ord,
  components: [{ nodeCode: '1', index: '85.5' }],
  change: null,
  ...overrides,
});

const summary = (code: string): GroupSummaryDto => ({
  code,
  name: `Nhóm ${code}`,
  count: 2,
  meanIndex: '82.075',
  meanIndexRounded: '82.08',
  highestIndex: '96.85',
  lowestIndex: '67.30',
  classCounts: [{ label: 'Xuất sắc', count: 1 }],
});

const group = (code: string) => ({ peerGroup: code, summary: summary(code) });

describeEachDatabase('results repository', (getDb) => {
  const repo = () => new ResultsRepository(getDb());

  it('replaces results as a whole, stamps the cycle and lists them with unit code and name', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 3 });
    const [a, b, c] = units;
    await repo().replaceResults(cycle.id, [resultRow(a.id, 1), resultRow(b.id, 2), resultRow(c.id, 3)], [group('OLD')]);
    const change = { basis: 'direct' as const, previousIndex: '70.1', previousTotal: '70.1', previousRank: 3, indexDelta: '-2.5', totalDelta: '-3', rankDelta: 2 };
    const at = new Date('2026-04-01T02:00:00.000Z');
    await repo().replaceResults(
      cycle.id,
      [resultRow(c.id, 1, { peerGroup: 'XA', change }), resultRow(b.id, 2), resultRow(a.id, 1)],
      [group('SO'), group('XA')],
      at,
    );

    const results = await repo().listUnitResults(cycle.id);
    expect(results.map((r) => [r.peerGroup, r.ord, r.unitCode])).toEqual([
      ['SO', 1, a.code],
      ['SO', 2, b.code],
      ['XA', 1, c.code],
    ]);
    expect(results[2]).toEqual({ ...resultRow(c.id, 1, { peerGroup: 'XA', change }), unitCode: c.code, unitName: c.name });
    expect(results[0].indexExact).toBe('67.561224489795918367346938775510204081632653');
    expect(await repo().listGroupResults(cycle.id)).toEqual([
      { peerGroup: 'SO', summary: summary('SO') },
      { peerGroup: 'XA', summary: summary('XA') },
    ]);
    expect((await new CycleRepository(getDb()).getById(cycle.id)).computedAt?.toISOString()).toBe(at.toISOString());
  });

  it('keeps the previous results and stamp when a replacement fails', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 1 });
    const [outsider] = await seedUnits(getDb(), 1, 'NGOAI');
    await repo().replaceResults(cycle.id, [resultRow(units[0].id, 1)], [group('SO')]);

    await expectAppError(
      repo().replaceResults(cycle.id, [resultRow(units[0].id, 1, { total: '1' }), resultRow(outsider.id, 2)], [], new Date()),
      'VALIDATION',
    );
    expect((await repo().listUnitResults(cycle.id)).map((r) => [r.unitId, r.total])).toEqual([[units[0].id, '66.21']]);
    expect(await repo().listGroupResults(cycle.id)).toHaveLength(1);
    expect((await new CycleRepository(getDb()).getById(cycle.id)).computedAt).toBeNull();
  });

  it('drops a unit’s results when the unit leaves the cycle', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 2 });
    await repo().replaceResults(cycle.id, [resultRow(units[0].id, 1), resultRow(units[1].id, 2)], []);
    await new CycleRepository(getDb()).setCycleUnits(cycle.id, [{ unitId: units[1].id, peerGroup: 'SO' }]);
    expect((await repo().listUnitResults(cycle.id)).map((r) => r.unitId)).toEqual([units[1].id]);
  });
});
