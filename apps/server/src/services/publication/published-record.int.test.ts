/**
 * Issue 11, item 2: a published cycle is its stored publication version. On the demo's published
 * 2025 cycle (republished with SIPAS responses, so the SIPAS panel has figures to freeze), a
 * compute is refused, and then the live rows are tampered with directly in SQL — a unit's result,
 * a leaf's final points, a SIPAS response excluded. The portal's results, a unit's scorecard, the
 * dashboard with its SIPAS, and the JSON/CSV exports (through the service the CLI uses) stay
 * byte-identical; the live rows did move, so these reads would show it if they read them.
 */
import { AppError, type CycleResultsDto, PUBLICATION_FORMAT, type PublicationDocument } from '@parindex/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { leafScores, publications, questionnaires, surveyResponses, unitResults, users } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { buildApp } from '../../http/app.ts';
import { exportResults } from '../../io/results-export.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { sampleSipasQuestionnaire } from '../../survey-io/sample-questionnaires.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';
import { SurveyService } from '../surveys/survey.service.ts';
import { CorrectionService } from '../workflow/correction.service.ts';
import { PublicationStore } from './publication-store.ts';
import { republishForTest } from './publication-testing.ts';

describeEachDatabase('a published cycle reads its stored publication, never the live rows', (getDb, kind) => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });
  /** A fresh app each time: its public cache is empty, so what it serves is read now. */
  const freshApp = async () => {
    const app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    apps.push(app);
    return app;
  };

  it('compute is refused; tampered unit_results, leaf_scores and survey responses move no published figure', async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const results = new ResultsService(db);
    const cycle = (await results.listCycles({ publicOnly: true })).find((c) => c.year === 2025)!;
    const units = (await results.getResults(cycle.id, { publicOnly: true })).groups.flatMap((g) => g.units);
    const tuPhap = units.find((u) => u.unitCode === 'so-tu-phap')!;

    // SIPAS answers about Sở Tư pháp (all 5, all 2, all 4 → 66,67% satisfied), then the cycle published again with them.
    const sipasDoc = sampleSipasQuestionnaire();
    const qid = newId();
    await db.insert(questionnaires).values({ id: qid, cycleId: cycle.id, code: sipasDoc.code, kind: 'sipas', document: sipasDoc });
    const items = sipasDoc.questions.filter((q) => q.sipas?.kind === 'satisfaction');
    const form = (level: string) => ({ id: crypto.randomUUID(), questionnaireId: qid, unitId: tuPhap.unitId, respondentGroup: 'nguoi_dan', channel: 'online', answers: Object.fromEntries(items.map((q) => [q.code, level])) });
    const forms = [form('5'), form('2'), form('4')];
    await db.insert(surveyResponses).values(forms);
    expect(await republishForTest(db, cycle.id)).toEqual({ version: 1 });

    // What version 1 holds: the figures beyond the table, with a format to read it by.
    const [row] = await db.select().from(publications).where(eq(publications.cycleId, cycle.id));
    const doc = row.results as unknown as PublicationDocument;
    expect(doc.format).toBe(PUBLICATION_FORMAT);
    expect(doc.decision).toEqual({ number: '312/QĐ-UBND', date: '2026-02-27' });
    expect(doc.rubric).toMatchObject({ code: 'SH-CCHC-2025', version: 1 });
    const storedTuPhap = doc.units.find((u) => u.unitId === tuPhap.unitId)!;
    expect(storedTuPhap.components.nodes.filter((n) => n.depth === 1).length).toBeGreaterThan(0);
    expect(storedTuPhap.components.leaves.length).toBeGreaterThan(0);
    expect(doc.units.some((u) => u.survey.length > 0)).toBe(true);
    expect(doc.sipas.surveys[0].units.find((u) => u.unitId === tuPhap.unitId)?.overallRounded).toBe('66.67');
    const excluded = units.find((u) => u.exclusions.length > 0)!;
    expect(doc.notes).toContainEqual(expect.objectContaining({ kind: 'exclusion', unitId: excluded.unitId, nodeCode: excluded.exclusions[0].nodeCode, basis: excluded.exclusions[0].basis }));

    const read = async () => {
      const app = await freshApp();
      const get = async (url: string) => {
        const r = await app.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(200);
        return r.body;
      };
      return {
        results: await get(`/api/cycles/${cycle.id}/results`),
        scorecard: await get(`/api/cycles/${cycle.id}/units/${tuPhap.unitId}`),
        dashboard: await get(`/api/cycles/${cycle.id}/dashboard`),
        csvRoute: await get(`/api/cycles/${cycle.id}/results/export?format=csv`),
        json: (await exportResults(db, cycle.id, 'json', { publicOnly: false })).body.toString('utf8'),
        csv: (await exportResults(db, cycle.id, 'csv', { publicOnly: false })).body.toString('utf8'),
      };
    };
    const before = await read();
    const scorecard = JSON.parse(before.scorecard);
    const dashboard = JSON.parse(before.dashboard);
    expect(dashboard.sipas.surveys[0].units.find((u: { unitId: string }) => u.unitId === tuPhap.unitId).overallRounded).toBe('66.67');
    expect(scorecard.unit.total).toBe(tuPhap.total);

    // A compute of the published cycle is refused in Vietnamese (the CLI's `compute` is this call), and changes nothing.
    const refused = await results.compute(cycle.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('CONFLICT');
    expect((refused as AppError).message).toMatch(/đã công bố.*đính chính/);
    expect(await read()).toEqual(before);

    // Tampering with the live rows directly in SQL.
    const leaf = storedTuPhap.components.leaves.find((l) => Number(l.points) > 0)!;
    await db.update(unitResults).set({ total: '1.5', indexExact: '1.5', rank: 99 }).where(and(eq(unitResults.cycleId, cycle.id), eq(unitResults.unitId, tuPhap.unitId)));
    await db.execute(sql`update unit_results set components = jsonb_set(components, '{nodes,0,points}', '"0"') where cycle_id = ${cycle.id} and unit_id = ${tuPhap.unitId}`);
    await db.update(leafScores).set({ points: '0' }).where(and(eq(leafScores.cycleId, cycle.id), eq(leafScores.unitId, tuPhap.unitId), eq(leafScores.leafCode, leaf.code)));
    await db.update(surveyResponses).set({ excludedReason: 'sửa trực tiếp trong CSDL' }).where(eq(surveyResponses.id, forms[0].id));

    // The live rows did move (so a reader of them would show it)…
    const live = (await repositories(db).results.listUnitResults(cycle.id)).find((r) => r.unitId === tuPhap.unitId)!;
    expect(live.total).toBe('1.5');
    const liveSipas = (await new SurveyService(db).sipas(qid)) as unknown as { units: { unitCode?: string; responses: number }[] };
    expect(liveSipas.units.find((u) => u.unitCode === tuPhap.unitCode)?.responses).toBe(2);
    const liveTable = await results.getResults(cycle.id, { publicOnly: false, live: true });
    expect(liveTable.groups.flatMap((g) => g.units).find((u) => u.unitId === tuPhap.unitId)?.total).toBe('1.5');

    // …and every public figure and export still shows the published version.
    const after = await read();
    expect(after.results).toBe(before.results);
    expect(after.scorecard).toBe(before.scorecard);
    expect(after.dashboard).toBe(before.dashboard);
    expect(after.csvRoute).toBe(before.csvRoute);
    expect(after.json).toBe(before.json);
    expect(after.csv).toBe(before.csv);
    expect((JSON.parse(after.json) as CycleResultsDto).groups.flatMap((g) => g.units).find((u) => u.unitId === tuPhap.unitId)?.total).toBe(tuPhap.total);
    expect(JSON.parse(after.scorecard).leaves.find((l: { code: string }) => l.code === leaf.code).points).toBe(leaf.points);
  });

  it('a correction is version 2 of the store: the scorecard shows the corrected leaf, version 1 keeps its figures', async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const results = new ResultsService(db);
    const cycle = (await results.listCycles({ publicOnly: true })).find((c) => c.year === 2025)!;
    const app = await freshApp();
    const card = async (unitId: string) => (await app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/units/${unitId}` })).json();
    const unit = (await results.getResults(cycle.id, { publicOnly: true })).groups[0].units[0];
    const leaf = (await card(unit.unitId)).leaves.find((l: { source: string; effect: string; points: string }) => l.source === 'appraised' && l.effect === 'score' && Number(l.points) > 0);
    const [secretariat] = await db.select().from(users).where(eq(users.username, 'sonoivu'));
    const actor = { id: secretariat.id, username: secretariat.username, fullName: secretariat.fullName, email: null, role: secretariat.role, unitId: secretariat.unitId, unitName: null };
    const out = await new CorrectionService(db).publish(actor, cycle.id, { items: [{ unitId: unit.unitId, leafCode: leaf.code, points: '0' }], reason: 'Tài liệu kiểm chứng không đúng năm.', decisionNumber: '58/QĐ-UBND', decisionDate: '2026-04-10' });
    expect(out.version).toBe(2);
    // The scorecard reads the latest version: the corrected leaf and total.
    const corrected = await card(unit.unitId);
    expect(corrected.leaves.find((l: { code: string }) => l.code === leaf.code).points).toBe('0');
    expect(Number(corrected.unit.total)).toBeCloseTo(Number(unit.total) - Number(leaf.points), 6);
    const store = new PublicationStore(db);
    expect((await store.latest(cycle.id))?.document).toMatchObject({ format: PUBLICATION_FORMAT, version: 2, decision: { number: '58/QĐ-UBND', date: '2026-04-10' }, reason: 'Tài liệu kiểm chứng không đúng năm.' });
    const v1 = (await store.version(cycle.id, 1))!;
    expect(v1.document?.units.find((u) => u.unitId === unit.unitId)?.components.leaves.find((l) => l.code === leaf.code)?.points).toBe(leaf.points);
    expect(v1.results.groups[0].units[0].total).toBe(unit.total);
  });

  it('a row written before format 2 (the results table only) still reads: its table as stored, the rest live', async () => {
    const db = getDb();
    await seedDemoIfEmpty(db);
    const results = new ResultsService(db);
    const cycle = (await results.listCycles({ publicOnly: true })).find((c) => c.year === 2025)!;
    const table = (await new PublicationStore(db).latest(cycle.id))!.results;
    // An older row: the bare table, with a figure that differs from the live rows so the test sees which one is read.
    const old: CycleResultsDto = { ...table, groups: table.groups.map((g, i) => (i === 0 ? { ...g, units: g.units.map((u, j) => (j === 0 ? { ...u, total: '12.345' } : u)) } : g)) };
    await db.update(publications).set({ results: old }).where(eq(publications.cycleId, cycle.id));
    const app = await freshApp();
    const served = (await app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/results` })).json() as CycleResultsDto;
    expect(served.groups[0].units[0].total).toBe('12.345');
    const unit = table.groups[0].units[0];
    const card = await app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/units/${unit.unitId}` });
    expect(card.statusCode).toBe(200);
    expect(card.json().unit.total).toBe(unit.total);
    expect((await app.inject({ method: 'GET', url: `/api/cycles/${cycle.id}/dashboard` })).statusCode).toBe(200);
  });
});
