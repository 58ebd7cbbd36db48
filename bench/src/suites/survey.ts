/**
 * Survey scoring of one province: 150 units (20 departments, 130 communes), 50,000 generated forms
 * (40,000 SIPAS, 10,000 sociological survey) over the demo rubric's 14 survey leaves. Measures the
 * engine alone (no database): scoring every leaf for every unit, SIPAS, and the quality checks.
 */
import type { SurveyResponse } from '@parindex/contracts';
import { checkResponseQuality, computeSipas, indexRubric, scoreSurveyLeaves } from '@parindex/engine';
import { demoRubric } from '@parindex/server/seed/demo-rubric.ts';
import { prng } from '@parindex/server/seed/demo-province.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from '@parindex/server/survey-io/sample-questionnaires.ts';
import { median, timed } from '../measure.ts';
import type { AddMetric } from '../suites.ts';

const UNITS = 150;
const RESPONSES = 50_000;
const REPEATS = 5;

export function generateSurveyWorkload(units = UNITS, responses = RESPONSES) {
  const sipas = sampleSipasQuestionnaire();
  const par = sampleParQuestionnaire();
  const unitCodes = Array.from({ length: units }, (_, i) => (i < 20 ? `so-${i + 1}` : `xa-${i - 19}`));
  const unitGroups = Object.fromEntries(unitCodes.map((u) => [u, u.startsWith('so-') ? 'departments' : 'communes']));
  const leafMax = Object.fromEntries(indexRubric(demoRubric()).leaves.filter((l) => l.source === 'survey').map((l) => [l.code, l.max.toFixed()]));
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
  return { sipas, par, unitCodes, unitGroups, leafMax, forms };
}

export async function surveySuite(add: AddMetric): Promise<void> {
  const w = generateSurveyWorkload();
  const score: number[] = [];
  let flagged = 0;
  for (let i = 0; i < REPEATS; i++) {
    const r = await timed(async () => scoreSurveyLeaves([w.sipas, w.par], w.forms, { leafMax: w.leafMax, unitCodes: w.unitCodes, unitGroups: w.unitGroups }));
    score.push(r.ms);
    flagged = r.result.leaves.filter((l) => l.flagged).length;
    if (r.result.leaves.length !== UNITS * Object.keys(w.leafMax).length) throw new Error('survey bench: wrong number of leaf scores');
  }
  add('survey.score.province_50k_ms', median(score), 'ms');
  add('survey.score.flagged_leaf_scores', flagged, 'count');
  const sipas: number[] = [];
  for (let i = 0; i < REPEATS; i++) sipas.push((await timed(async () => computeSipas(w.sipas, w.forms, { unitCodes: w.unitCodes }))).ms);
  add('survey.sipas.province_40k_ms', median(sipas), 'ms');
  const quality = await timed(async () => checkResponseQuality([w.sipas, w.par], w.forms));
  add('survey.quality.province_50k_ms', quality.ms, 'ms');
}
