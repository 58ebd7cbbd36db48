/** Questionnaires of a cycle: made from a form or imported from a workbook, listed, read. */
import { AppError, Questionnaire, type SurveyCreateBody, type SurveyCreated, type SurveyQuestionnaireSummary } from '@parindex/contracts';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { newId, pgErrorOf, SqlState } from '../../db/sql-helpers.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { exportQuestionnaireXlsx, importQuestionnaireWorkbook } from '../../survey-io/questionnaire-xlsx.ts';
import { exportResponsesTemplate } from '../../survey-io/responses-template.ts';
import { sampleParQuestionnaire, sampleSipasQuestionnaire } from '../../survey-io/sample-questionnaires.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { assertCycleWritable } from '../workflow/stage-rules.ts';
import { getQuestionnaire, rubricOf } from './survey-queries.ts';
import { windowDto } from './survey-windows.ts';

export class SurveyQuestionnaires {
  constructor(private readonly db: Db) {}

  async create(actor: SessionUser, cycleId: string, doc: unknown, opts: { identified?: boolean } = {}) {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'thêm phiếu khảo sát');
    const parsed = Questionnaire.safeParse(doc);
    if (!parsed.success) throw new AppError('VALIDATION', 'Phiếu khảo sát không hợp lệ.', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const { rubric } = await rubricOf(this.db, cycleId);
    const surveyLeaves = new Set(rubric.leaves.filter((l) => l.source === 'survey').map((l) => l.code));
    const bad = parsed.data.questions.filter((q) => q.scoring && !surveyLeaves.has(q.scoring.leafCode));
    if (bad.length) throw new AppError('VALIDATION', `Câu ${bad[0].code} gắn với tiêu chí ${bad[0].scoring!.leafCode}, không phải tiêu chí điều tra XHH của bộ chỉ số.`, [{ field: 'questions', message: 'tiêu chí không hợp lệ' }]);
    const id = newId();
    try {
      await new SurveyRepository(this.db).insertQuestionnaire({ id, cycleId, code: parsed.data.code, kind: parsed.data.kind, document: parsed.data, identified: opts.identified ? 1 : 0 });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.uniqueViolation) throw new AppError('CONFLICT', `Đã có phiếu mã "${parsed.data.code}".`);
      throw err;
    }
    await audit(this.db, actor, { action: 'survey.create', cycleId, subject: parsed.data.code });
    return this.get(id);
  }

  /** From the page: a JSON document, or a sample form re-dated for the cycle's year. */
  async createFromBody(actor: SessionUser, cycleId: string, body: SurveyCreateBody): Promise<SurveyCreated> {
    let doc: unknown = body.document;
    if (body.sample) {
      // The sample forms are written for 2025: re-dated for the cycle's year, with the year in the code.
      const { year } = await repositories(this.db).cycles.getById(cycleId);
      const sample = body.sample === 'sipas' ? sampleSipasQuestionnaire() : sampleParQuestionnaire();
      doc = JSON.parse(JSON.stringify({ ...sample, year }).replaceAll('2025', String(year)));
    }
    if (!doc) throw new AppError('VALIDATION', 'Cần nội dung phiếu hoặc chọn phiếu mẫu.');
    const created = await this.create(actor, cycleId, doc, { identified: body.identified });
    return { id: created.id, code: created.code };
  }

  /**
   * The survey is identified when the form says so ("identified" = true, or "1"/"true" from a
   * multipart field) or the workbook's "Thông tin" sheet does.
   */
  async importXlsx(actor: SessionUser, cycleId: string, buf: Buffer, opts: { identified?: boolean | string } = {}): Promise<SurveyCreated> {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'nhập phiếu khảo sát');
    const { rubric } = await rubricOf(this.db, cycleId);
    const wb = await importQuestionnaireWorkbook(buf, { surveyLeafCodes: rubric.leaves.filter((l) => l.source === 'survey').map((l) => l.code) });
    const identified = opts.identified === true || (typeof opts.identified === 'string' && ['1', 'true'].includes(opts.identified));
    const created = await this.create(actor, cycleId, wb.questionnaire, { identified: identified || wb.identified });
    return { id: created.id, code: created.code };
  }

  async list(cycleId: string): Promise<SurveyQuestionnaireSummary[]> {
    const rows = await new SurveyRepository(this.db).listSummaries(cycleId);
    const counts = await new SurveyResponseRepository(this.db).countByQuestionnaire(rows.length ? rows.map((r) => r.id) : ['-']);
    return rows.map((r) => {
      const c = counts.find((x) => x.q === r.id);
      // `open` is the secretariat's switch; `window` says whether it takes responses today (survey-windows.ts).
      return { id: r.id, code: r.code, kind: r.document.kind, title: r.document.title, year: r.document.year, open: r.open === 1, window: windowDto(r), identified: r.identified === 1, responses: Number(c?.n ?? 0), excluded: Number(c?.excluded ?? 0) };
    });
  }

  get(id: string) {
    return getQuestionnaire(this.db, id);
  }

  /** The questionnaire as a workbook (the same layout importXlsx reads). */
  async xlsx(id: string): Promise<{ fileName: string; body: Buffer }> {
    const q = await this.get(id);
    return { fileName: `phieu-${q.code}.xlsx`, body: await exportQuestionnaireXlsx(q.document, { identified: q.identified === 1 }) };
  }

  /** The workbook to fill in with responses for a file import. */
  async responsesTemplate(id: string): Promise<{ fileName: string; body: Buffer }> {
    const q = await this.get(id);
    return { fileName: `mau-nhap-${q.code}.xlsx`, body: await exportResponsesTemplate(q.document) };
  }
}
