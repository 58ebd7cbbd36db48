/** Paper forms typed twice by two people (nhập hai lần), and those still waiting for an entry. */
import { AppError, surveyAnswersProblems, textProblem, type SurveyPaperOutcome, type SurveyPaperPending, type SurveyResponse } from '@parindex/contracts';
import { checkSurveyResponse } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { stableResponseId } from '../../survey-io/responses-import.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { insertResponses } from './response-writer.ts';
import { getQuestionnaire } from './survey-queries.ts';
import { assertSurveyResultsOpen } from './survey-windows.ts';

export class SurveyPaperEntry {
  constructor(private readonly db: Db) {}

  /**
   * Paper forms typed twice (nhập hai lần): the first entry waits; the second is compared with it
   * and, when every answer agrees, the response is stored (id derived from the form's number, so it
   * is stored once). When they differ the differing questions are returned and nothing is stored
   * until a third entry agrees with one of the two.
   */
  async enterPaper(actor: SessionUser, questionnaireId: string, body: { serial: string; respondentGroup: string; evaluatedUnitCode?: string | null; answers: Record<string, string | string[]> }): Promise<SurveyPaperOutcome> {
    const q = await getQuestionnaire(this.db, questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, 'nhập thêm phiếu giấy');
    const serial = body.serial.trim();
    if (!serial) throw new AppError('VALIDATION', 'Hãy nhập số phiếu ghi trên phiếu giấy.', [{ field: 'serial', message: 'bắt buộc' }]);
    const answers = Object.fromEntries(Object.entries(body.answers).filter(([, a]) => (Array.isArray(a) ? a.length > 0 : a !== '')));
    // Text that cannot be stored (NUL, half a surrogate pair, too long) is refused naming the question, before anything is kept.
    const unstorable = surveyAnswersProblems(answers);
    for (const [field, label, value] of [['serial', 'Số phiếu', serial], ['respondentGroup', 'Nhóm đối tượng', body.respondentGroup], ['evaluatedUnitCode', 'Mã đơn vị', body.evaluatedUnitCode ?? '']] as const) {
      const problem = textProblem(value);
      if (problem) unstorable.unshift({ field, message: `${label} ${problem}.` });
    }
    if (unstorable.length) throw new AppError('VALIDATION', `${textProblem(serial) ? 'Phiếu giấy' : `Phiếu số ${serial}`}: ${unstorable.map((p) => p.message).join(' ')}`, unstorable);
    const id = stableResponseId(`paper:${q.id}:${serial}`);
    const response: SurveyResponse = { id, questionnaireCode: q.code, respondentGroup: body.respondentGroup, evaluatedUnitCode: body.evaluatedUnitCode ?? undefined, answers, channel: 'paper' };
    const problems = checkSurveyResponse(q.document, response);
    if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: p.field, message: p.message })));
    const key = (e: { respondentGroup: string; unitCode: string | null; answers: Record<string, string | string[]> }) =>
      JSON.stringify([e.respondentGroup, e.unitCode ?? '', Object.entries(e.answers).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v])]);
    const mine = { respondentGroup: body.respondentGroup, unitCode: body.evaluatedUnitCode ?? null, answers };
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const paper = new SurveyRepository(tx);
      const stored = await new SurveyResponseRepository(tx).findId(id);
      if (stored) throw new AppError('CONFLICT', `Phiếu giấy số ${serial} đã được nhập đủ hai lần và lưu.`);
      const entries = await paper.lockPaperEntries(questionnaireId, serial);
      const entryNo = entries.length + 1;
      if (entries.length === 0) {
        await paper.insertPaperEntry({ questionnaireId, serial, entryNo, ...mine, enteredBy: actor.id });
        return { status: 'first' as const, serial, differences: [] as string[] };
      }
      if (entries.length === 1 && entries[0].enteredBy === actor.id)
        throw new AppError('CONFLICT', `Phiếu số ${serial} đã được bạn nhập lần 1; lần nhập thứ hai phải do người khác thực hiện.`);
      // The agreeing entry must be someone else's: a typist cannot confirm their own reading.
      if (entries.every((e) => e.enteredBy === actor.id))
        throw new AppError('CONFLICT', `Phiếu số ${serial} chỉ có các lần nhập của chính bạn; lần nhập tiếp theo phải do người khác thực hiện.`);
      const match = entries.find((e) => e.enteredBy !== actor.id && key(e) === key(mine));
      await paper.insertPaperEntry({ questionnaireId, serial, entryNo, ...mine, enteredBy: actor.id });
      if (!match) {
        const other = entries.findLast((e) => e.enteredBy !== actor.id)!;
        const codes = new Set([...Object.keys(other.answers), ...Object.keys(answers)]);
        const differences = [...codes].filter((c) => JSON.stringify(other.answers[c] ?? null) !== JSON.stringify(answers[c] ?? null));
        if (other.respondentGroup !== mine.respondentGroup) differences.unshift('respondentGroup');
        if ((other.unitCode ?? null) !== mine.unitCode) differences.unshift('evaluatedUnitCode');
        return { status: 'mismatch' as const, serial, differences };
      }
      const unitId = mine.unitCode ? ((await repositories(tx).units.findByCode(mine.unitCode))?.id ?? null) : null;
      await insertResponses(tx, [{ id, questionnaireId, unitId, respondentGroup: mine.respondentGroup, channel: 'paper', answers, submittedAt: new Date() }]);
      await audit(tx, actor, { action: 'survey.paper', cycleId: q.cycleId, subject: serial, after: { entries: entryNo, responseId: id } });
      return { status: 'stored' as const, serial, differences: [] as string[] };
    });
  }

  /** Paper forms entered once or disputed, waiting for their next entry. */
  async pendingPaper(questionnaireId: string): Promise<SurveyPaperPending[]> {
    const rows = await new SurveyRepository(this.db).listPaperEntries(questionnaireId);
    const q = await getQuestionnaire(this.db, questionnaireId);
    const stored = new Set((await new SurveyResponseRepository(this.db).listPaperIds(questionnaireId)).map((r) => r.id));
    const bySerial = new Map<string, number>();
    for (const r of rows) bySerial.set(r.serial, Math.max(bySerial.get(r.serial) ?? 0, r.entryNo));
    return [...bySerial]
      .filter(([serial]) => !stored.has(stableResponseId(`paper:${q.id}:${serial}`)))
      .map(([serial, entries]): SurveyPaperPending => ({ serial, entries, waitingFor: entries === 1 ? 'second' : 'reconcile' }))
      .sort((a, b) => a.serial.localeCompare(b.serial, 'vi', { numeric: true }));
  }
}
