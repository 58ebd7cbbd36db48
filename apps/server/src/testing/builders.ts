/**
 * Small builders for database tests: a valid rubric document and a cycle with units, so each
 * test states only what it is about instead of loading fixtures.
 */
import type { RubricDocument, UnitKind } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import { CycleRepository, type Cycle } from '../repositories/cycle.repository.ts';
import { UnitRepository, type Unit } from '../repositories/unit.repository.ts';

/** A two-field rubric (70 appraised + 30 survey) valid against the RubricDocument contract. */
export function buildRubric(overrides: Partial<RubricDocument> = {}): RubricDocument {
  return {
    code: 'CCHC-SO',
    name: 'Bộ chỉ số CCHC các sở, ban, ngành',
    year: 2025,
    unitKinds: ['department'],
    basis: 'Quyết định số 1234/QĐ-UBND ngày 15/10/2025',
    settings: {
      bands: [
        { label: 'Xuất sắc', min: '90' },
        { label: 'Tốt', min: '80' },
        { label: 'Khá', min: '70' },
        { label: 'Trung bình', min: '0' },
      ],
      ties: { mode: 'ordered', keys: ['appraised', 'survey'] },
      pointDecimals: 3,
      evidencePolicy: 'zero',
    },
    peerGroups: [{ code: 'SO', name: 'Sở, ban, ngành' }],
    fields: [
      {
        code: '1',
        title: 'Công tác chỉ đạo, điều hành CCHC',
        max: '70',
        children: [
          {
            code: '1.1',
            title: 'Ban hành kế hoạch CCHC năm',
            max: '70',
            source: 'appraised',
            rule: {
              type: 'levels',
              levels: [
                { code: 'ontime', label: 'Đúng hạn', points: '70' },
                { code: 'late', label: 'Chậm', points: '35' },
              ],
            },
          },
        ],
      },
      { code: '2', title: 'Điều tra xã hội học', max: '30', source: 'survey', rule: { type: 'survey' } },
    ],
    ...overrides,
  };
}

/** Creates `count` units with codes `<prefix>001…`. */
export async function seedUnits(db: Db, count: number, prefix = 'DV', kind: UnitKind = 'department'): Promise<Unit[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    code: `${prefix}${String(i + 1).padStart(3, '0')}`,
    name: `Đơn vị ${prefix} số ${i + 1}`,
    kind,
  }));
  return new UnitRepository(db).upsertByCode(rows);
}

/** A draft assessed cycle whose units (all in peer group `group`) are the given ones, or `unitCount` new ones. */
export async function seedCycle(
  db: Db,
  opts: { year?: number; unitCount?: number; units?: Unit[]; group?: string } = {},
): Promise<{ cycle: Cycle; units: Unit[] }> {
  const units = opts.units ?? (await seedUnits(db, opts.unitCount ?? 3, `U${opts.year ?? 2025}-`));
  const cycles = new CycleRepository(db);
  const cycle = await cycles.create({ year: opts.year ?? 2025, name: `Kỳ đánh giá ${opts.year ?? 2025}`, source: 'assessed' });
  await cycles.setCycleUnits(
    cycle.id,
    units.map((u) => ({ unitId: u.id, peerGroup: opts.group ?? 'SO' })),
  );
  return { cycle, units };
}

/** Asserts that `promise` rejects with an AppError of this code, and returns the error for further checks. */
export async function expectAppError(promise: Promise<unknown>, code: string): Promise<Error & { code: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as Error & { code?: string; name?: string };
    if (e.name === 'AppError' && e.code === code) return e as Error & { code: string };
    throw new Error(`Expected AppError ${code}, got ${e.name} ${e.code ?? ''}: ${e.message}`);
  }
  throw new Error(`Expected AppError ${code}, but the promise resolved`);
}
