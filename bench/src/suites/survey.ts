/**
 * Survey scoring of one province through the database, as the survey page runs it: 150 units
 * (20 departments, 130 communes) of a cycle on the demo rubric, the sample SIPAS and sociological
 * questionnaires, and 50,000 generated forms (40,000 SIPAS, 10,000 sociological; BENCH_SCALE
 * scales them) stored in survey_responses on PostgreSQL (a throwaway database). Timed, each the
 * median of 3 calls of the service method the route calls:
 * - survey.score.province_50k_ms: SurveyService.score (POST /api/work/cycles/:id/surveys/score, the
 *   "Chấm điểm khảo sát" button): reads every response of both questionnaires, scores every linked
 *   survey leaf of every unit, stores the leaf scores and the audit entry in one transaction, and
 *   reads the stored scores back for the panel;
 * - survey.sipas.province_40k_ms: SurveyService.sipas (GET /api/work/surveys/:qid/sipas): reads the
 *   SIPAS responses and computes the satisfaction index per unit, factor and overall;
 * - survey.quality.province_50k_ms: SurveyService.quality (GET /api/work/surveys/:qid/quality) of
 *   both questionnaires in turn: reads the responses and flags duplicates, straight-lining, speed.
 */
import type { SurveyResponse } from '@parindex/contracts';
import type { SessionUser } from '@parindex/server/auth/auth.service.ts';
import { demoRubric } from '@parindex/server/seed/demo-rubric.ts';
import { prng } from '@parindex/engine';
import { repositories } from '@parindex/server/services/repositories.ts';
import { insertResponses } from '@parindex/server/services/surveys/response-writer.ts';
import { SurveyService } from '@parindex/server/services/surveys/survey.service.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from '@parindex/server/survey-io/sample-questionnaires.ts';
import { sql } from 'drizzle-orm';
import { scaled, throwawayPostgres } from '../config.ts';
import { log, median, timed } from '../measure.ts';
import type { SuiteContext } from '../suites.ts';

const UNITS = 150;
const RESPONSES = 50_000;
const REPEATS = 3;

/** Who presses the button (audit entries name them; no login is involved in a service call). */
const ACTOR: SessionUser = { id: 'bench-secretariat', username: 'bench', fullName: 'Benchmark (Sở Nội vụ)', email: null, role: 'secretariat', unitId: null, unitName: null };

export function generateSurveyWorkload(units = UNITS, responses = RESPONSES) {
  const sipas = sampleSipasQuestionnaire();
  const par = sampleParQuestionnaire();
  const unitCodes = Array.from({ length: units }, (_, i) => (i < 20 ? `so-${i + 1}` : `xa-${i - 19}`));
  const unitGroups = Object.fromEntries(unitCodes.map((u) => [u, u.startsWith('so-') ? 'departments' : 'communes']));
  const rnd = prng(2025);
  const quality = unitCodes.map(() => 0.55 + rnd() * 0.4);
  const forms: SurveyResponse[] = [];
  const hex = (n: number) => n.toString(16).padStart(12, '0');
  for (let i = 0; i < responses; i++) {
    const u = Math.floor(rnd() * units);
    const q = quality[u];
    const isSipas = i % 5 !== 0;
    const questionnaire = isSipas ? sipas : par;
    const group = isSipas ? (rnd() < 0.9 ? 'nguoi_dan' : 'to_chuc') : par.respondentGroups[Math.floor(rnd() * par.respondentGroups.length)].code;
    const answers: SurveyResponse['answers'] = {};
    for (const x of questionnaire.questions) {
      if (x.groups && !x.groups.includes(group)) continue;
      if (x.type === 'text') continue;
      if (x.type === 'multiple') { answers[x.code] = [x.options[Math.floor(rnd() * x.options.length)].code]; continue; }
      // Better units get better answers: pick among weighted options by the unit's quality.
      const weighted = x.options.filter((o) => o.weight !== undefined || o.level !== undefined);
      const pool = weighted.length ? weighted : x.options;
      const r = rnd();
      const k = x.options[0].weight === '100' ? Math.min(pool.length - 1, Math.floor((1 - q) * pool.length * 1.6 * r))
        : Math.max(0, pool.length - 1 - Math.floor((1 - q) * pool.length * 1.6 * r));
      answers[x.code] = pool[k].code;
    }
    forms.push({
      id: `00000000-0000-4000-8000-${hex(i)}`, questionnaireCode: questionnaire.code, respondentGroup: group, evaluatedUnitCode: unitCodes[u], answers,
      durationSeconds: 60 + Math.floor(rnd() * 600), submittedAt: new Date(Date.UTC(2025, 10, 1) + i * 30_000).toISOString(), channel: i % 3 === 0 ? 'kiosk' : 'online',
    });
  }
  return { sipas, par, unitCodes, unitGroups, forms };
}

/** The province in a throwaway PostgreSQL database: units, cycle, questionnaires, stored forms. */
async function storeProvince(db: Parameters<typeof repositories>[0], w: ReturnType<typeof generateSurveyWorkload>) {
  const repos = repositories(db);
  const units = await repos.units.upsertByCode(
    w.unitCodes.map((code) => (code.startsWith('so-') ? { code, name: `Sở thử nghiệm ${code.slice(3)}`, kind: 'department' as const } : { code, name: `UBND xã thử nghiệm ${code.slice(3)}`, kind: 'commune' as const })),
  );
  const rubric = demoRubric();
  const version = await repos.rubrics.insertVersion(rubric);
  const cycle = await repos.cycles.create({ year: rubric.year, name: `Chỉ số CCHC ${rubric.year} (benchmark khảo sát)`, source: 'assessed', status: 'open', rubricVersionId: version.id });
  await repos.cycles.setCycleUnits(cycle.id, units.map((u) => ({ unitId: u.id, peerGroup: w.unitGroups[u.code] })));
  const surveys = new SurveyService(db);
  const sipas = await surveys.create(ACTOR, cycle.id, w.sipas);
  const par = await surveys.create(ACTOR, cycle.id, w.par);
  const qid: Record<string, string> = { [w.sipas.code]: sipas.id, [w.par.code]: par.id };
  const unitId = new Map(units.map((u) => [u.code, u.id]));
  for (let i = 0; i < w.forms.length; i += 5_000) {
    await insertResponses(
      db,
      w.forms.slice(i, i + 5_000).map((f) => ({
        id: f.id, questionnaireId: qid[f.questionnaireCode], unitId: unitId.get(f.evaluatedUnitCode!) ?? null, respondentGroup: f.respondentGroup,
        channel: f.channel, answers: f.answers, submittedAt: new Date(f.submittedAt!), durationSeconds: f.durationSeconds ?? null,
      })),
    );
  }
  await db.execute(sql`analyze survey_responses`);
  return { surveys, cycleId: cycle.id, sipasId: sipas.id, parId: par.id };
}

async function medianOf<T>(fn: () => Promise<T>, check: (r: T) => void): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const r = await timed(fn);
    check(r.result);
    ms.push(r.ms);
  }
  return median(ms);
}

export async function surveySuite({ add, uses }: SuiteContext): Promise<void> {
  const w = generateSurveyWorkload(UNITS, scaled(RESPONSES, 1_000));
  const sipasForms = w.forms.filter((f) => f.questionnaireCode === w.sipas.code).length;
  const pgdb = await throwawayPostgres('parindex_bench_survey');
  uses('postgresql');
  try {
    const p = await storeProvince(pgdb.database.db, w);
    log(`survey: ${UNITS} units, ${w.forms.length} forms stored (${sipasForms} SIPAS, ${w.forms.length - sipasForms} sociological)`);
    let flagged = 0;
    const scoreMs = await medianOf(
      () => p.surveys.score(ACTOR, p.cycleId),
      (r) => {
        const answers = r.leaves.reduce((n, l) => n + l.n, 0);
        if (r.units.length !== UNITS || answers === 0) throw new Error(`survey bench: scored ${r.units.length} units (${answers} answers), expected ${UNITS}`);
        flagged = r.leaves.filter((l) => l.flagged).length;
      },
    );
    add('survey.score.province_50k_ms', scoreMs, 'ms');
    add('survey.score.flagged_leaf_scores', flagged, 'count');
    const sipasMs = await medianOf(
      () => p.surveys.sipas(p.sipasId),
      (r) => {
        if ((r as { units: unknown[] }).units.length === 0) throw new Error('survey bench: SIPAS found no unit');
      },
    );
    add('survey.sipas.province_40k_ms', sipasMs, 'ms');
    const qualityMs = await medianOf(
      async () => [...(await p.surveys.quality(p.sipasId)), ...(await p.surveys.quality(p.parId))],
      () => undefined,
    );
    add('survey.quality.province_50k_ms', qualityMs, 'ms');
  } finally {
    await pgdb.drop();
  }
}
