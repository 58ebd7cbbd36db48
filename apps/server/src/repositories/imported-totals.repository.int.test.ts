import { expect, it } from 'vitest';
import { expectAppError, seedCycle, seedUnits } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { ImportedTotalsRepository } from './imported-totals.repository.ts';

describeEachDatabase('imported totals repository', (getDb) => {
  const repo = () => new ImportedTotalsRepository(getDb());

  it('replaces the totals of a cycle and lists them in published order, decimals exact', async () => {
    const { cycle, units } = await seedCycle(getDb(), { year: 2020, unitCount: 3 });
    const [a, b, c] = units;
    await repo().replace(cycle.id, [{ unitId: a.id, appraised: '1', survey: '1', maxPoints: '100' }]);
    await repo().replace(cycle.id, [
      { unitId: c.id, appraised: '60.96', survey: '5.50', maxPoints: '98', publishedIndex: '67.81', publishedClass: 'Trung bình', publishedOrder: 2 },
      { unitId: b.id, appraised: '69.25', survey: '0', maxPoints: '71.5', publishedIndex: '96.85', publishedClass: 'Xuất sắc', publishedOrder: 1 },
    ]);

    expect(await repo().list(cycle.id)).toEqual([
      { unitId: b.id, appraised: '69.25', survey: '0', maxPoints: '71.5', publishedIndex: '96.85', publishedClass: 'Xuất sắc', publishedOrder: 1 },
      { unitId: c.id, appraised: '60.96', survey: '5.50', maxPoints: '98', publishedIndex: '67.81', publishedClass: 'Trung bình', publishedOrder: 2 },
    ]);
  });

  it('keeps the previous totals when a replacement fails', async () => {
    const { cycle, units } = await seedCycle(getDb(), { unitCount: 1 });
    const [outsider] = await seedUnits(getDb(), 1, 'NGOAI');
    const before = { unitId: units[0].id, appraised: '70', survey: '20', maxPoints: '100' };
    await repo().replace(cycle.id, [before]);

    await expectAppError(repo().replace(cycle.id, [{ ...before, appraised: '71' }, { ...before, unitId: outsider.id }]), 'VALIDATION');
    expect(await repo().list(cycle.id)).toEqual([{ ...before, publishedIndex: null, publishedClass: null, publishedOrder: null }]);
  });
});
