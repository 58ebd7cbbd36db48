import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { leafScores } from '../db/schema.ts';
import { expectAppError, seedCycle, seedUnits } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { ScoreRepository, type LeafScoreInput } from './score.repository.ts';

describeEachDatabase('score repository', (getDb) => {
  const repo = () => new ScoreRepository(getDb());
  const revisionOf = async (cycleId: string, unitId: string, leafCode: string) => {
    const [row] = await getDb()
      .select({ revision: leafScores.revision })
      .from(leafScores)
      .where(and(eq(leafScores.cycleId, cycleId), eq(leafScores.unitId, unitId), eq(leafScores.leafCode, leafCode)));
    return row?.revision;
  };

  it('stores inputs and exact points, and reads them back per cycle or unit', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 2 });
    await repo().upsertLeafScores(cycle.id, [
      { unitId: units[0].id, leafCode: '3.2.1', inputs: { numerator: 4870, denominator: 4902 }, points: '1.987' },
      { unitId: units[0].id, leafCode: '1.1', inputs: { points: '0.250', hasEvidence: true }, points: '0.250' },
      { unitId: units[1].id, leafCode: '1.1', inputs: {}, points: null },
    ]);

    const all = await repo().listLeafScores(cycle.id);
    expect(all).toHaveLength(3);
    expect(all.find((s) => s.unitId === units[0].id && s.leafCode === '3.2.1')).toEqual({
      unitId: units[0].id,
      leafCode: '3.2.1',
      inputs: { numerator: 4870, denominator: 4902 },
      points: '1.987',
    });
    expect(all.find((s) => s.leafCode === '1.1' && s.unitId === units[0].id)?.points).toBe('0.250');
    expect(all.find((s) => s.unitId === units[1].id)?.points).toBeNull();
    expect((await repo().listLeafScores(cycle.id, units[1].id)).map((s) => s.leafCode)).toEqual(['1.1']);
  });

  it('updates existing scores, counting a revision only when something changed', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 1 });
    const row: LeafScoreInput = { unitId: units[0].id, leafCode: '1.1', inputs: { level: 'late' }, points: '0.5' };
    await repo().upsertLeafScores(cycle.id, [row]);
    await repo().upsertLeafScores(cycle.id, [row]);
    expect(await revisionOf(cycle.id, units[0].id, '1.1')).toBe(1);

    await repo().upsertLeafScores(cycle.id, [{ ...row, inputs: { level: 'ontime' }, points: '1' }]);
    expect(await revisionOf(cycle.id, units[0].id, '1.1')).toBe(2);
    expect(await repo().listLeafScores(cycle.id)).toEqual([{ ...row, inputs: { level: 'ontime' }, points: '1' }]);
  });

  it('writes many chunks of scores in one call', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 20 });
    const rows = units.flatMap((u) =>
      Array.from({ length: 600 }, (_, i) => ({ unitId: u.id, leafCode: `L${i}`, inputs: { count: i }, points: `${i}.125` })),
    );
    await repo().upsertLeafScores(cycle.id, rows);
    const saved = await repo().listLeafScores(cycle.id);
    expect(saved).toHaveLength(12_000);
    expect(saved.find((s) => s.unitId === units[19].id && s.leafCode === 'L599')?.points).toBe('599.125');
  });

  it('saves nothing of a bulk write that fails in its last chunk', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 10 });
    const [outsider] = await seedUnits(getDb(), 1, 'NGOAI');
    await repo().upsertLeafScores(cycle.id, [{ unitId: units[0].id, leafCode: 'L0', inputs: {}, points: '1' }]);
    const rows = units.flatMap((u) => Array.from({ length: 1_200 }, (_, i) => ({ unitId: u.id, leafCode: `L${i}`, inputs: {}, points: '2' })));
    rows.push({ unitId: outsider.id, leafCode: 'L0', inputs: {}, points: '2' });

    const err = await expectAppError(repo().upsertLeafScores(cycle.id, rows), 'VALIDATION');
    expect(err.message).toContain('không thuộc kỳ đánh giá');
    expect(await repo().listLeafScores(cycle.id)).toEqual([{ unitId: units[0].id, leafCode: 'L0', inputs: {}, points: '1' }]);
  });

  it('rejects the same unit and leaf twice in one write', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 1 });
    const row = { unitId: units[0].id, leafCode: '1.1', inputs: {}, points: '1' };
    await expectAppError(repo().upsertLeafScores(cycle.id, [row, { ...row, points: '2' }]), 'VALIDATION');
    expect(await repo().listLeafScores(cycle.id)).toEqual([]);
  });

  it('deletes the given leaves of one cycle only', async () => {
    const units = await seedUnits(getDb(), 2);
    const { cycle: c2025 } = await seedCycle(getDb(), { year: 2025, units });
    const { cycle: c2024 } = await seedCycle(getDb(), { year: 2024, units });
    const rows = units.flatMap((u) => ['1.1', '1.2', '2.1'].map((leafCode) => ({ unitId: u.id, leafCode, inputs: {}, points: '1' })));
    await repo().upsertLeafScores(c2025.id, rows);
    await repo().upsertLeafScores(c2024.id, rows);

    await repo().deleteLeafScores(c2025.id, ['1.1', '2.1']);
    expect((await repo().listLeafScores(c2025.id)).map((s) => s.leafCode)).toEqual(['1.2', '1.2']);
    expect(await repo().listLeafScores(c2024.id)).toHaveLength(6);
  });
});
