/**
 * The demo's 2026 surveys (PGlite and PostgreSQL): a new user opening the cycle's surveys finds the
 * SIPAS and XHH questionnaires with responses, a sample plan, desks, flagged forms and a paper form
 * waiting — and no survey points in the unit sheets until the secretariat scores them; the sample
 * buttons still work beside the demo's questionnaires.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { SessionUser } from '../auth/auth.service.ts';
import { leafScores } from '../db/schema.ts';
import { repositories } from '../services/repositories.ts';
import { SurveyService } from '../services/surveys/survey.service.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../testing/databases.ts';
import { seedDemoIfEmpty } from './seed-demo.ts';

describeEachDatabase('demo surveys of 2026', (getDb) => {
  it('seeds the two questionnaires with about 1,650 responses, a plan, desks and flags, unscored', async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const cycle = (await repositories(db).cycles.list()).find((c) => c.year === 2026)!;
    const svc = new SurveyService(db);
    const list = await svc.list(cycle.id);
    expect(list.map((q) => [q.code, q.kind]).sort()).toEqual([['SH-SIPAS-2026-MH', 'sipas'], ['SH-XHH-2026-MH', 'par']]);
    expect(list.every((q) => q.title.includes('minh họa'))).toBe(true);
    const total = list.reduce((s, q) => s + q.responses, 0);
    expect(total).toBeGreaterThan(1200);
    expect(total).toBeLessThan(1800);

    const sipas = list.find((q) => q.kind === 'sipas')!;
    const progress = await svc.progress(sipas.id);
    expect(progress.length).toBe(50);
    expect(progress.some((p) => p.responses > 0 && p.responses < p.target)).toBe(true);
    expect(await svc.listDesks(sipas.id)).toHaveLength(2);
    const flags = new Set((await svc.quality(sipas.id)).map((f) => f.kind));
    expect([...flags].sort()).toEqual(expect.arrayContaining(['duplicate_answers', 'straight_lining', 'too_fast']));
    expect(await svc.pendingPaper(sipas.id)).toEqual([{ serial: 'GIAY-0003', entries: 1, waitingFor: 'second' }]);
    const report = (await svc.sipas(sipas.id)) as unknown as { province: { factors: { percent?: string }[] } };
    expect(report.province.factors.filter((f) => f.percent !== undefined)).toHaveLength(5);

    // Collection is under way: nothing written to the survey leaves of the 2026 sheets.
    expect((await svc.scores(cycle.id)).scoredAt).toBeNull();
    const surveyRows = await db.select().from(leafScores).where(and(eq(leafScores.cycleId, cycle.id), inArray(leafScores.leafCode, ['8.1.1', '8.6.1'])));
    expect(surveyRows).toEqual([]);

    // The "Tạo từ phiếu mẫu SIPAS" button's questionnaire still has its own code.
    const actor: SessionUser = { id: 'x', username: 'sonoivu', fullName: 'Cán bộ', email: null, role: 'secretariat', unitId: null, unitName: null };
    const sample = JSON.parse(JSON.stringify({ ...sampleSipasQuestionnaire(), year: 2026 }).replaceAll('2025', '2026'));
    expect((await svc.create(actor, cycle.id, sample)).code).toBe('SH-SIPAS-2026');
  }, 120_000);
});
