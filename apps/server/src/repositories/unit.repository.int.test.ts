import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.ts';
import { expectAppError, seedUnits } from '../testing/builders.ts';
import { UnitRepository } from './unit.repository.ts';

describeEachDatabase('unit repository', (getDb) => {
  const repo = () => new UnitRepository(getDb());

  it('inserts new codes, updates existing ones in place and returns units in input order', async () => {
    const first = await repo().upsertByCode([
      { code: 'SNV', name: 'Sở Nội vụ', kind: 'department' },
      { code: 'STP', name: 'Sở Tư pháp', kind: 'department' },
    ]);
    const second = await repo().upsertByCode([
      { code: 'XA01', name: 'Xã Bản Hon', kind: 'commune' },
      { code: 'SNV', name: 'Sở Nội vụ (sau sáp nhập)', kind: 'department' },
    ]);

    expect(second.map((u) => u.code)).toEqual(['XA01', 'SNV']);
    expect(second[1].id).toBe(first[0].id);
    const all = await repo().listAll();
    expect(all.map((u) => [u.code, u.name, u.kind])).toEqual([
      ['SNV', 'Sở Nội vụ (sau sáp nhập)', 'department'],
      ['STP', 'Sở Tư pháp', 'department'],
      ['XA01', 'Xã Bản Hon', 'commune'],
    ]);
    expect(all[0].createdAt).toBeInstanceOf(Date);
  });

  it('lists by code byte-wise, the same on every backend', async () => {
    await repo().upsertByCode(['b', 'B', 'a-2', 'a1', 'Ă'].map((code) => ({ code, name: code, kind: 'commune' as const })));
    expect((await repo().listAll()).map((u) => u.code)).toEqual(['B', 'a-2', 'a1', 'b', 'Ă']);
  });

  it('finds by code and gets by id, NOT_FOUND when missing', async () => {
    const [unit] = await seedUnits(getDb(), 1);
    expect(await repo().findByCode(unit.code)).toEqual(unit);
    expect(await repo().findByCode('KHONG-CO')).toBeUndefined();
    expect(await repo().getById(unit.id)).toEqual(unit);
    const err = await expectAppError(repo().getById('missing-id'), 'NOT_FOUND');
    expect(err.message).toContain('Không tìm thấy đơn vị');
  });

  it('rejects duplicate codes in one import, naming them, and saves nothing', async () => {
    const err = await expectAppError(
      repo().upsertByCode([
        { code: 'SNV', name: 'Sở Nội vụ', kind: 'department' },
        { code: 'SNV', name: 'Sở Nội vụ 2', kind: 'department' },
      ]),
      'VALIDATION',
    );
    expect(err.message).toContain('SNV');
    expect(await repo().listAll()).toEqual([]);
  });

  it('saves nothing of a bulk import that fails in its last chunk', async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => ({ code: `X${i}`, name: `Xã ${i}`, kind: 'commune' as const }));
    rows[11_999] = { ...rows[11_999], kind: 'province' as never };
    await expect(repo().upsertByCode(rows)).rejects.toThrow();
    expect(await repo().listAll()).toEqual([]);
  });

  it('records lineage with exact weights and updates a pair recorded again', async () => {
    const [a, b, merged] = await seedUnits(getDb(), 3);
    await repo().addLineage([
      { predecessorId: a.id, successorId: merged.id, weight: '0.600', effectiveDate: '2025-07-01' },
      { predecessorId: b.id, successorId: merged.id, weight: '0.4', effectiveDate: '2025-07-01' },
    ]);
    await repo().addLineage([{ predecessorId: b.id, successorId: merged.id, weight: '0.35', effectiveDate: '2025-07-02' }]);

    const lineage = await repo().listLineage();
    expect(lineage).toHaveLength(2);
    const fromA = lineage.find((l) => l.predecessorId === a.id)!;
    const fromB = lineage.find((l) => l.predecessorId === b.id)!;
    expect([fromA.weight, fromA.effectiveDate, fromA.successorId]).toEqual(['0.600', '2025-07-01', merged.id]);
    expect([fromB.weight, fromB.effectiveDate]).toEqual(['0.35', '2025-07-02']);
    expect(lineage[0]).toBe(fromA);
  });

  it('rejects lineage to an unknown unit or to itself, keeping earlier links', async () => {
    const [a, b] = await seedUnits(getDb(), 2);
    await repo().addLineage([{ predecessorId: a.id, successorId: b.id, weight: '1', effectiveDate: '2025-07-01' }]);
    await expectAppError(
      repo().addLineage([
        { predecessorId: b.id, successorId: a.id, weight: '1', effectiveDate: '2025-07-01' },
        { predecessorId: a.id, successorId: 'unknown', weight: '1', effectiveDate: '2025-07-01' },
      ]),
      'VALIDATION',
    );
    await expectAppError(repo().addLineage([{ predecessorId: a.id, successorId: a.id, weight: '1', effectiveDate: '2025-07-01' }]), 'VALIDATION');
    expect((await repo().listLineage()).map((l) => [l.predecessorId, l.successorId])).toEqual([[a.id, b.id]]);
  });
});
