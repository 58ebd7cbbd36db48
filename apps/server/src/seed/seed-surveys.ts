/**
 * The demo province's 2026 surveys, collection under way (dữ liệu minh họa): the SIPAS form and
 * the sociological (XHH) form made from the same sample templates as the "Tạo từ phiếu mẫu"
 * buttons, a sample plan, two one-stop desks, a few one-time links, and about 1,500 responses —
 * most typed in from paper batches and imported, some from the desks and links, two paper forms
 * typed twice and one waiting for its second entry, and a few that the quality checks flag.
 * Everything goes through SurveyService, as the app does; answers come from a seeded generator,
 * so every first start makes the same data.
 *
 * The survey leaves are not scored into the unit sheets: the 2026 cycle is in self-assessment
 * with the collection still running, and scoring is the secretariat's step once it ends (the
 * "Chấm điểm khảo sát" button; SurveyService.score refuses only after approval).
 */
import type { Questionnaire } from '@parindex/contracts';
import { askedOf, indexQuestionnaire, prng } from '@parindex/engine';
import type { SessionUser } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import { UserRepository } from '../repositories/user.repository.ts';
import { repositories } from '../services/repositories.ts';
import { SurveyService } from '../services/surveys/survey.service.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';

/** The demo's own codes, so the sample buttons still create SH-SIPAS-2026 / SH-XHH-2026 beside them. */
const DEMO_SUFFIX = '-MH';
const BASE_URL = 'http://localhost:3000';
const LABEL = ' (dữ liệu minh họa)';


/** A sample template re-dated for the year like the route does, with the demo's code and label. */
function demoDoc(sample: Questionnaire, year: number): Questionnaire {
  const doc = JSON.parse(JSON.stringify({ ...sample, year }).replaceAll('2025', String(year))) as Questionnaire;
  return { ...doc, code: `${doc.code}${DEMO_SUFFIX}`, title: `${doc.title}${LABEL}` };
}

type Answers = Record<string, string | string[]>;

/** One respondent's answers: rated questions lean to the unit's quality q; a few leave optional ones blank. */
function answersFor(doc: Questionnaire, group: string, q: number, rnd: () => number): Answers {
  const idx = indexQuestionnaire(doc);
  const out: Answers = {};
  for (const iq of idx.questions.values()) {
    const x = iq.question;
    if (!askedOf(iq, group) || x.type === 'text') continue;
    if (!x.required && rnd() < 0.1) continue;
    if (x.type === 'multiple') {
      out[x.code] = x.options.filter(() => rnd() < 0.3).map((o) => o.code).slice(0, 3);
      if ((out[x.code] as string[]).length === 0) delete out[x.code];
      continue;
    }
    const rated = x.options.filter((o) => o.level !== undefined || o.weight !== undefined);
    if (rated.length < 2) {
      out[x.code] = x.options[Math.floor(rnd() * x.options.length)].code;
      continue;
    }
    // Best option first: levels descending (SIPAS), weights descending (A 100% … D 0%).
    const ordered = [...rated].sort((a, b) => (b.level ?? Number(b.weight)) - (a.level ?? Number(a.weight)));
    const extra = x.options.filter((o) => !rated.includes(o));
    const r = rnd();
    if (extra.length && r < 0.04) out[x.code] = extra[0].code;
    else if (r < q * 0.45) out[x.code] = ordered[0].code;
    else if (r < q) out[x.code] = ordered[1].code;
    else out[x.code] = ordered[Math.min(ordered.length - 1, 2 + Math.floor(rnd() * (ordered.length - 2)))].code;
  }
  return out;
}

const cell = (v: string) => (/[",;\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export interface SurveySeedSummary {
  questionnaires: number;
  responses: number;
}

export async function seedSurveysDemo(tx: Db, cycleId: string, year: number, demoUnitCode: string): Promise<SurveySeedSummary> {
  const load = async (username: string): Promise<SessionUser> => {
    const u = (await new UserRepository(tx).findByUsername(username))!;
    return { id: u.id, username: u.username, fullName: u.fullName, email: u.email, role: u.role, unitId: u.unitId, unitName: null };
  };
  const staff = await load('sonoivu');
  const staff2 = await load('sonoivu2');
  const svc = new SurveyService(tx);
  const rnd = prng(2026);
  const units = await repositories(tx).cycles.listCycleUnits(cycleId);
  const quality = new Map(units.map((u) => [u.code, u.peerGroup === 'communes' ? 0.6 + rnd() * 0.3 : 0.7 + rnd() * 0.25]));
  const demoUnit = units.find((u) => u.code === demoUnitCode)!;

  const sipas = await svc.create(staff, cycleId, demoDoc(sampleSipasQuestionnaire(), year));
  const par = await svc.create(staff, cycleId, demoDoc(sampleParQuestionnaire(), year));

  // Sample plan: SIPAS per unit from its transactions at a 10% margin; XHH a fixed few per group.
  await svc.setTargets(staff, sipas.id, units.map((u, i) => ({ unitId: u.unitId, respondentGroup: 'nguoi_dan', transactions: u.peerGroup === 'communes' ? 300 + ((i * 137) % 900) : 1200 + ((i * 611) % 4000), margin: '0.1' })));
  await svc.setTargets(staff, par.id, units.flatMap((u) => [{ unitId: u.unitId, respondentGroup: 'cong_chuc', target: 8 }, { unitId: u.unitId, respondentGroup: u.peerGroup === 'communes' ? 'lanh_dao_xa' : 'lanh_dao_so', target: 4 }]));

  // Two one-stop desks, and a few one-time links (their tokens are shown once; two are used below).
  const commune = units.find((u) => u.peerGroup === 'communes')!;
  const deskA = await svc.createDesk(staff, sipas.id, { unitId: demoUnit.unitId, name: `Bộ phận Một cửa ${demoUnit.name}${LABEL}`, respondentGroup: 'nguoi_dan', requireDossier: true, baseUrl: BASE_URL });
  const deskB = await svc.createDesk(staff, sipas.id, { unitId: commune.unitId, name: `Bộ phận Một cửa ${commune.name}${LABEL}`, respondentGroup: 'nguoi_dan', baseUrl: BASE_URL });
  const links = await svc.makeTokens(staff, sipas.id, { unitId: demoUnit.unitId, respondentGroup: 'to_chuc', count: 5, baseUrl: BASE_URL });
  await svc.makeTokens(staff, par.id, { unitId: null, respondentGroup: 'dai_bieu', count: 5, baseUrl: BASE_URL });

  const sipasDoc = (await svc.get(sipas.id)).document;
  const parDoc = (await svc.get(par.id)).document;
  const start = Date.parse(`${year}-10-05T01:00:00Z`);
  const at = (i: number) => new Date(start + i * 47 * 60_000).toISOString();
  let id = 0;

  // Paper batches typed into a spreadsheet and imported: the bulk of the responses.
  const batch = (doc: Questionnaire, rows: { group: string; unit: string; channel: string; answers: Answers; seconds: number; when: string }[]) => {
    const qs = doc.questions.filter((x) => x.type !== 'text').map((x) => x.code);
    const lines = [['Mã phiếu', 'Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', 'Nộp lúc', 'Kênh', ...qs].join(',')];
    for (const r of rows) {
      id++;
      lines.push([`MH-${year}-${String(id).padStart(5, '0')}`, r.group, r.unit, String(r.seconds), r.when, r.channel, ...qs.map((c) => cell(Array.isArray(r.answers[c]) ? (r.answers[c] as string[]).join(';') : ((r.answers[c] as string | undefined) ?? '')))].join(','));
    }
    return Buffer.from(lines.join('\n'));
  };
  const sipasRows: Parameters<typeof batch>[1] = [];
  units.forEach((u) => {
    const n = u.peerGroup === 'communes' ? 8 + Math.floor(rnd() * 18) : 22 + Math.floor(rnd() * 16);
    for (let k = 0; k < n; k++) {
      const group = rnd() < 0.8 ? 'nguoi_dan' : 'to_chuc';
      sipasRows.push({ group, unit: u.code, channel: rnd() < 0.85 ? 'Phiếu giấy' : 'Điện thoại', answers: answersFor(sipasDoc, group, quality.get(u.code)!, rnd), seconds: 150 + Math.floor(rnd() * 400), when: at(sipasRows.length) });
    }
  });
  // For the quality checks: a form entered twice under two numbers, one answered in 12 seconds, one all "Rất hài lòng".
  const twice = sipasRows[3];
  sipasRows.push({ ...twice, when: new Date(Date.parse(twice.when) + 120_000).toISOString() });
  sipasRows.push({ ...sipasRows[10], seconds: 12 });
  const allFive = Object.fromEntries(Object.entries(sipasRows[20].answers).map(([c, a]) => [c, sipasDoc.questions.find((x) => x.code === c)?.type === 'scale' ? '5' : a]));
  sipasRows.push({ ...sipasRows[20], answers: allFive, when: at(sipasRows.length) });
  let responses = (await svc.importFile(staff, sipas.id, batch(sipasDoc, sipasRows))).stored;

  const parRows: Parameters<typeof batch>[1] = [];
  units.forEach((u) => {
    for (const group of ['cong_chuc', u.peerGroup === 'communes' ? 'lanh_dao_xa' : 'lanh_dao_so']) {
      const n = group === 'cong_chuc' ? 3 + Math.floor(rnd() * 6) : 3 + Math.floor(rnd() * 4);
      for (let k = 0; k < n; k++) parRows.push({ group, unit: u.code, channel: 'Phiếu giấy', answers: answersFor(parDoc, group, quality.get(u.code)!, rnd), seconds: 90 + Math.floor(rnd() * 240), when: at(parRows.length) });
    }
  });
  responses += (await svc.importFile(staff, par.id, batch(parDoc, parRows))).stored;

  // Desks (kiosk, dossier code checked at desk A) and two one-time links, through the public form's path.
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16));
    h[12] = '4';
    h[16] = '89ab'[Math.floor(rnd() * 4)];
    return `${h.slice(0, 8).join('')}-${h.slice(8, 12).join('')}-${h.slice(12, 16).join('')}-${h.slice(16, 20).join('')}-${h.slice(20).join('')}`;
  };
  const sipasCode = sipasDoc.code;
  for (let k = 0; k < 24; k++) {
    const onA = k % 2 === 0;
    const unitCode = onA ? demoUnit.code : commune.code;
    const r = await svc.submit(sipasCode, {
      desk: onA ? deskA.code : deskB.code,
      ...(onA && { dossierCode: `000.00.12.H99-${year % 100}1105-${String(k).padStart(4, '0')}` }),
      response: { id: uuid(), respondentGroup: 'nguoi_dan', answers: answersFor(sipasDoc, 'nguoi_dan', quality.get(unitCode)!, rnd), durationSeconds: 120 + Math.floor(rnd() * 300), submittedAt: at(k) },
    });
    if (r.stored) responses++;
  }
  for (const link of links.slice(0, 2)) {
    const token = new URL(link.url).searchParams.get('t')!;
    if ((await svc.submit(sipasCode, { token, response: { id: uuid(), respondentGroup: 'to_chuc', answers: answersFor(sipasDoc, 'to_chuc', quality.get(demoUnit.code)!, rnd), durationSeconds: 260, submittedAt: at(30) } })).stored) responses++;
  }

  // Paper forms typed twice by two people (stored), and one still waiting for its second entry.
  for (const serial of ['GIAY-0001', 'GIAY-0002', 'GIAY-0003']) {
    const entry = { serial, respondentGroup: 'nguoi_dan', evaluatedUnitCode: demoUnit.code, answers: answersFor(sipasDoc, 'nguoi_dan', quality.get(demoUnit.code)!, rnd) };
    await svc.enterPaper(staff, sipas.id, entry);
    if (serial !== 'GIAY-0003' && (await svc.enterPaper(staff2, sipas.id, entry)).status === 'stored') responses++;
  }
  return { questionnaires: 2, responses };
}
