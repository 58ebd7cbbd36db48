import { RubricDocument } from '@parindex/contracts';
import { expect, it } from 'vitest';
import { buildRubric, expectAppError } from '../testing/builders.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { RubricRepository } from './rubric.repository.ts';

describeEachDatabase('rubric repository', (getDb) => {
  const repo = () => new RubricRepository(getDb());

  it('numbers versions per code and keeps each document exactly as saved', async () => {
    const doc = RubricDocument.parse(buildRubric());
    const v1 = await repo().insertVersion(doc);
    const v2 = await repo().insertVersion({ ...doc, name: 'Bộ chỉ số sửa đổi' });
    const other = await repo().insertVersion(buildRubric({ code: 'CCHC-XA', unitKinds: ['commune'] }));

    expect([v1.version, v2.version, other.version]).toEqual([1, 2, 1]);
    const loaded = await repo().getVersion(v1.id);
    expect(loaded.document).toEqual(doc);
    expect(loaded.document.fields[0].children?.[0].max).toBe('70');
    expect((await repo().getVersion(v2.id)).name).toBe('Bộ chỉ số sửa đổi');
  });

  it('finds the latest version of a code, or nothing', async () => {
    await repo().insertVersion(buildRubric());
    const latest = await repo().insertVersion(buildRubric({ year: 2026 }));
    expect((await repo().findLatest('CCHC-SO'))?.id).toBe(latest.id);
    expect(await repo().findLatest('KHONG-CO')).toBeUndefined();
    expect((await repo().findVersion('CCHC-SO', 1))?.year).toBe(2025);
    expect(await repo().findVersion('CCHC-SO', 3)).toBeUndefined();
  });

  it('gives distinct numbers to versions saved at the same moment', async () => {
    const saved = await Promise.all(Array.from({ length: 5 }, () => repo().insertVersion(buildRubric())));
    expect(saved.map((v) => v.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('lists versions newest year first, without their documents', async () => {
    await repo().insertVersion(buildRubric({ code: 'B', year: 2024 }));
    await repo().insertVersion(buildRubric({ code: 'B', year: 2025 }));
    await repo().insertVersion(buildRubric({ code: 'A', year: 2025 }));
    const list = await repo().list();
    expect(list.map((v) => `${v.year} ${v.code} v${v.version}`)).toEqual(['2025 A v1', '2025 B v2', '2024 B v1']);
    expect(list[0]).not.toHaveProperty('document');
  });

  it('throws NOT_FOUND for an unknown version id', async () => {
    const err = await expectAppError(repo().getVersion('missing'), 'NOT_FOUND');
    expect(err.message).toContain('bộ chỉ số');
  });
});
