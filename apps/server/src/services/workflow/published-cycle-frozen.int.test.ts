/**
 * The published 2025 demo cycle is the official record: every mutating service method that takes
 * a cycle — whoever calls it, a route, the CLI or a job — refuses it the same way (AppError
 * CONFLICT, HTTP 409, a Vietnamese message), and nothing is written: the audit log and the
 * results table are the same after every attempt. Only a correction changes published figures
 * (corrections.int.test.ts). Remediation plans are not frozen: they are made from published results.
 */
import { AppError } from '@parindex/contracts';
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONSOLE, type SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { auditLog, questionnaires, surveyResponses, users } from '../../db/schema.ts';
import { newId } from '../../db/sql-helpers.ts';
import { seedDemoIfEmpty } from '../../seed/seed-demo.ts';
import { demoReportPdf } from '../../seed/seed-workflow.ts';
import { describeEachDatabase } from '../../testing/databases.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';
import { RubricService } from '../rubric.service.ts';
import { ScoreImportService } from '../score-import.service.ts';
import { SurveyService } from '../surveys/survey.service.ts';
import { AssessmentService } from './assessment.service.ts';
import { CycleAdminService } from './cycle-admin.service.ts';
import { CycleLifecycleService } from './cycle-lifecycle.service.ts';
import { EvidenceService } from './evidence.service.ts';
import { Notifier } from './notifier.ts';
import { EVIDENCE_META } from './testing.ts';

/** Any Vietnamese letter with a diacritic: the message is written for the user, in Vietnamese. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

describeEachDatabase(
  'a published cycle is frozen',
  (getDb) => {
    let db: Db;
    let cycleId: string, unitId: string, leafCode: string, rubricVersionId: string, questionnaireId: string, responseId: string;
    const as: Record<string, SessionUser> = {};
    let auditBefore: number;
    let resultsBefore: string;

    const auditCount = async () => Number((await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.cycleId, cycleId)))[0].n);
    const results = async () => JSON.stringify(await new ResultsService(db).getResults(cycleId, { publicOnly: false }));

    beforeAll(async () => {
      db = getDb();
      await seedDemoIfEmpty(db);
      const repos = repositories(db);
      const cycle = (await repos.cycles.list()).find((c) => c.year === 2025 && c.source === 'assessed')!;
      expect(cycle.status).toBe('published');
      cycleId = cycle.id;
      rubricVersionId = cycle.rubricVersionId!;
      const rows = await db.select().from(users).where(inArray(users.username, ['sonoivu', 'tuphap.daumoi', 'tuphap.giamdoc', 'thamdinh1', 'hoidong.thanhvien', 'hoidong.chutich']));
      for (const u of rows) as[u.username] = { id: u.id, username: u.username, fullName: u.fullName, email: u.email, role: u.role, unitId: u.unitId, unitName: null };
      const units = await repos.cycles.listCycleUnits(cycleId);
      unitId = (units.find((u) => u.unitId === as['tuphap.daumoi'].unitId) ?? units[0]).unitId;
      const sheet = await new AssessmentService(db).sheet(cycleId, unitId);
      leafCode = sheet.leaves.find((l) => l.source === 'appraised')!.code;
      // A questionnaire and a response of the 2025 survey, as they stood at publication (the demo surveys only 2026).
      const [q2026] = await db.select().from(questionnaires).limit(1);
      questionnaireId = newId();
      await db.insert(questionnaires).values({ id: questionnaireId, cycleId, code: `KS-2025-${questionnaireId.slice(0, 6)}`, kind: q2026.kind, document: { ...q2026.document, code: `KS-2025-${questionnaireId.slice(0, 6)}` }, identified: 0 });
      responseId = newId();
      await db.insert(surveyResponses).values({ id: responseId, questionnaireId, unitId, respondentGroup: q2026.document.respondentGroups[0].code, channel: 'online', answers: {} });
      auditBefore = await auditCount();
      resultsBefore = await results();
    }, 180_000);

    afterAll(async () => {
      // The unchanged record, checked once after every attempt below.
      expect(await auditCount()).toBe(auditBefore);
      expect(await results()).toBe(resultsBefore);
    });

    const attempts: [string, () => Promise<unknown>][] = [
      // cycle setup and stages (secretariat, chair)
      ['deadlines', () => new CycleAdminService(db, new Notifier(db)).setDeadlines(as.sonoivu, cycleId, { self: '2099-01-01' })],
      ['exclusions', () => new CycleAdminService(db, new Notifier(db)).setExclusions(as.sonoivu, cycleId, unitId, [{ nodeCode: leafCode, basis: 'Quyết định số 1/QĐ-UBND' }])],
      ['exclusions (CLI)', () => new CycleAdminService(db, new Notifier(db)).setExclusions(CONSOLE, cycleId, unitId, [])],
      ['assign appraiser', () => new CycleAdminService(db, new Notifier(db)).assign(as.sonoivu, cycleId, as.thamdinh1.id, leafCode)],
      ['unassign appraiser', () => new CycleAdminService(db, new Notifier(db)).unassign(as.sonoivu, cycleId, as.thamdinh1.id, leafCode)],
      ['move back to open', () => new CycleLifecycleService(db).transition(as.sonoivu, cycleId, 'open', { reason: 'Mở lại để sửa điểm tự chấm.' })],
      ['approve again', () => new CycleLifecycleService(db).approve(as['hoidong.chutich'], cycleId)],
      ['publish again', () => new CycleLifecycleService(db).publish(as.sonoivu, cycleId, { decisionNumber: '1/QĐ-UBND', decisionDate: '2026-03-01' })],
      // self-assessment, appraisal, explanation, council
      ['self save', () => new AssessmentService(db).saveSelf(as['tuphap.daumoi'], cycleId, unitId, leafCode, { inputs: { points: '0' }, revision: 1 })],
      ['self submit', () => new AssessmentService(db).submitSelf(as['tuphap.giamdoc'], cycleId, unitId)],
      ['self return', () => new AssessmentService(db).returnSelf(as.sonoivu, cycleId, unitId, 'Sửa lại điểm tiêu chí.')],
      ['proposal', () => new AssessmentService(db).propose(as.thamdinh1, cycleId, unitId, leafCode, { points: '0', reason: 'Không có tài liệu.', revision: 1 } as never)],
      ['accept many', () => new AssessmentService(db).acceptMany(as.thamdinh1, cycleId, [{ unitId, leafCode, revision: 1 }])],
      ['explanation answer', () => new AssessmentService(db).respond(as['tuphap.daumoi'], cycleId, unitId, leafCode, { response: 'explained', text: 'Bổ sung tài liệu.', revision: 1 })],
      ['explanation submit', () => new AssessmentService(db).submitExplanation(as['tuphap.giamdoc'], cycleId, unitId)],
      ['council decision', () => new AssessmentService(db).decide(as['hoidong.thanhvien'], cycleId, unitId, leafCode, { points: '0', reason: 'Hội đồng quyết định.', revision: 1 } as never)],
      ['finalize', () => new AssessmentService(db).finalize(as['hoidong.chutich'], cycleId)],
      // evidence
      ['evidence upload', () => new EvidenceService(db).upload(as['tuphap.daumoi'], cycleId, unitId, 'bao-cao.pdf', demoReportPdf('Bao cao CCHC 2025'), { ...EVIDENCE_META, signer: null })],
      ['evidence link', () => new EvidenceService(db).link(as['tuphap.daumoi'], cycleId, unitId, leafCode, 'no-such-document', null)],
      ['evidence unlink', () => new EvidenceService(db).unlink(as['tuphap.daumoi'], cycleId, unitId, leafCode, 'no-such-document')],
      // surveys
      ['questionnaire create', () => new SurveyService(db).create(as.sonoivu, cycleId, {})],
      ['questionnaire import', () => new SurveyService(db).importXlsx(as.sonoivu, cycleId, Buffer.from('not a workbook'))],
      ['sample targets', () => new SurveyService(db).setTargets(as.sonoivu, questionnaireId, [])],
      ['one-time links', () => new SurveyService(db).makeTokens(as.sonoivu, questionnaireId, { respondentGroup: 'x', count: 1, baseUrl: 'http://localhost' })],
      ['links from a list', () => new SurveyService(db).tokensFromList(as.sonoivu, questionnaireId, Buffer.from('ho_ten\nNguyễn Văn A\n'), { respondentGroup: 'x', baseUrl: 'http://localhost' })],
      ['desk', () => new SurveyService(db).createDesk(as.sonoivu, questionnaireId, { unitId, name: 'Quầy 1', respondentGroup: 'x', baseUrl: 'http://localhost' })],
      ['responses import', () => new SurveyService(db).importFile(as.sonoivu, questionnaireId, Buffer.from('id\n1\n'))],
      ['paper entry', () => new SurveyService(db).enterPaper(as.sonoivu, questionnaireId, { serial: '1', respondentGroup: 'x', answers: {} })],
      ['response exclusion', () => new SurveyService(db).exclude(as.sonoivu, responseId, 'Phiếu trùng lặp.')],
      ['response inclusion', () => new SurveyService(db).exclude(as.sonoivu, responseId, null)],
      ['survey scoring', () => new SurveyService(db).score(as.sonoivu, cycleId)],
      // results, scores, rubric
      ['compute', () => new ResultsService(db).compute(cycleId)],
      ['recompute a unit', () => new ResultsService(db).recomputeUnit(cycleId, unitId)],
      ['recompute units', () => new ResultsService(db).recomputeUnits(cycleId, [unitId])],
      ['score import', () => new ScoreImportService(db).importScores(cycleId, Buffer.from(`unit_code,leaf_code,points\nX,${leafCode},0\n`))],
      ['rubric replace', async () => new RubricService(db).replace(CONSOLE, cycleId, (await repositories(db).rubrics.getVersion(rubricVersionId)).document)],
    ];

    for (const [what, attempt] of attempts)
      it(`refuses: ${what}`, async () => {
        const error = await attempt().then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${what} went through on a published cycle`).toBeInstanceOf(AppError);
        const e = error as AppError;
        expect({ code: e.code, status: e.status }, e.message).toEqual({ code: 'CONFLICT', status: 409 });
        expect(e.message).toMatch(VIETNAMESE);
      });
  },
  { truncateEach: false },
);
