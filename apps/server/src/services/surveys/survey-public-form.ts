/**
 * The public form: what it shows for a one-time link or a desk, and its submissions (idempotent,
 * durable before acknowledged, one per link, one per dossier at a desk that asks for it).
 */
import { AppError, surveyAnswersProblems, type PublicSurveyForm, type SurveyResponse, type SurveySubmitResult } from '@parindex/contracts';
import { checkSurveyResponse } from '@parindex/engine';
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/database.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { SurveyRepository } from '../../repositories/survey.repository.ts';
import { SurveyWindowRepository } from '../../repositories/survey-window.repository.ts';
import { repositories } from '../repositories.ts';
import { insertResponses, type ResponseRow, ResponseWriter } from './response-writer.ts';
import { collator, sha256 } from './survey-queries.ts';
import { dossierDigest } from './survey-secret.ts';
import { assertAcceptingResponses } from './survey-windows.ts';

export interface SubmitBody {
  response: Omit<SurveyResponse, 'questionnaireCode' | 'channel'> & { channel?: SurveyResponse['channel'] };
  token?: string;
  desk?: string;
  dossierCode?: string;
}

/**
 * The public form's lookups (questionnaire by code, desk by code, unit codes) are cached for a few
 * seconds: a busy survey day sends thousands of forms a minute, and these rows rarely change.
 */
const CACHE_TTL_MS = 5_000;

export class SurveyPublicForm {
  readonly writer: ResponseWriter;
  private readonly cache = new LRUCache<string, { value: unknown }>({ max: 10_000, ttl: CACHE_TTL_MS });
  constructor(
    private readonly db: Db,
    /** Key of the dossier-code HMAC (survey-secret.ts). */
    private readonly secret: Buffer,
  ) {
    this.writer = new ResponseWriter(db);
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) return hit.value as T;
    const value = await load();
    this.cache.set(key, { value });
    return value;
  }

  private async byCode(code: string) {
    const q = await this.cached(`q:${code}`, () => new SurveyRepository(this.db).findQuestionnaireByCode(code));
    // Whether it takes responses is checked fresh, after the link or desk (assertAcceptingResponses): a closed survey answers 410.
    if (!q) throw new AppError('NOT_FOUND', 'Phiếu khảo sát không tồn tại.');
    return q;
  }

  /** What the form needs: the questionnaire, and the group/unit fixed by the link or desk. */
  async publicForm(code: string, access: { token?: string; desk?: string }): Promise<PublicSurveyForm> {
    const q = await this.byCode(code);
    const ctx = await this.accessContext(q.id, access);
    // A closed survey (or desk) shows why instead of the questions (410).
    await assertAcceptingResponses(this.db, q.id, ctx.desk?.code);
    // Refused on opening, not after answering. A resend of the same form (outbox) still reaches submit().
    if (ctx.token?.usedAt)
      throw new AppError('CONFLICT', 'Đường dẫn này đã được dùng để gửi một phiếu trả lời; mỗi đường dẫn chỉ dùng một lần. Nếu Ông/Bà chưa trả lời, hãy liên hệ cơ quan tổ chức khảo sát để được cấp đường dẫn mới.', [], { reason: 'link_used' });
    const unitRows = await new SurveyRepository(this.db).listUnitLabels();
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const fixed = ctx.unitId ? unitRows.find((u) => u.id === ctx.unitId) : undefined;
    const doc = q.document;
    return {
      questionnaire: { code: doc.code, year: doc.year, title: doc.title, kind: doc.kind, description: doc.description ?? null, respondentGroups: doc.respondentGroups, sections: doc.sections, questions: doc.questions.map((x) => ({ ...x, options: x.options.map(({ code: c, label, level }) => ({ code: c, label, level })) })) },
      respondentGroup: ctx.respondentGroup,
      unit: fixed ? { code: fixed.code, name: fixed.name } : null,
      units: fixed ? [] : cycleUnits.map((u) => ({ code: u.code, name: u.name })).sort((a, b) => collator.compare(a.name, b.name)),
      desk: ctx.desk ? { name: ctx.desk.name, requireDossier: ctx.desk.requireDossier === 1 } : null,
    };
  }

  private async accessContext(questionnaireId: string, access: { token?: string; desk?: string }) {
    if (access.token) {
      const t = await new SurveyRepository(this.db).findToken(sha256(access.token), questionnaireId);
      if (!t) throw new AppError('FORBIDDEN', 'Đường dẫn khảo sát không đúng hoặc không thuộc phiếu này.');
      return { kind: 'token' as const, token: t, unitId: t.unitId, respondentGroup: t.respondentGroup as string | null, desk: undefined };
    }
    if (access.desk) {
      const desk = access.desk.toUpperCase();
      const d = await this.cached(`d:${desk}`, () => new SurveyWindowRepository(this.db).findDesk(desk));
      if (d && d.questionnaireId !== questionnaireId) throw new AppError('FORBIDDEN', 'Mã quầy không thuộc phiếu này.');
      // A desk that exists but is closed is refused by its window (410), not as a wrong code.
      if (!d) throw new AppError('FORBIDDEN', 'Mã quầy không đúng.');
      return { kind: 'desk' as const, token: undefined, unitId: d.unitId as string | null, respondentGroup: d.respondentGroup as string | null, desk: d };
    }
    throw new AppError('FORBIDDEN', 'Cần đường dẫn khảo sát hoặc mã quầy để gửi phiếu.');
  }

  /** Stores one response exactly once; acknowledged only when durable. */
  async submit(code: string, body: SubmitBody): Promise<SurveySubmitResult> {
    const q = await this.byCode(code);
    const ctx = await this.accessContext(q.id, { token: body.token, desk: body.desk });
    const r = body.response;
    // Text that cannot be stored (NUL, half a surrogate pair, too long) refuses this form alone, naming the question.
    const unstorable = surveyAnswersProblems(r.answers);
    if (unstorable.length) throw new AppError('VALIDATION', unstorable.map((p) => p.message).join(' '), unstorable);
    try {
      await assertAcceptingResponses(this.db, q.id, ctx.desk?.code);
    } catch (err) {
      // A form stored before the close whose acknowledgement was lost: the outbox's resend is acknowledged, not refused.
      const seen = err instanceof AppError && err.code === 'GONE' ? await new SurveyResponseRepository(this.db).findIdInQuestionnaire(q.id, r.id) : undefined;
      if (seen) return { id: r.id, stored: false };
      throw err;
    }
    let unitId = ctx.unitId;
    let unitCode = r.evaluatedUnitCode;
    if (unitId) {
      const id = unitId;
      unitCode = await this.cached(`u:${id}`, async () => (await repositories(this.db).units.getById(id)).code);
    } else if (unitCode) {
      const code = unitCode;
      const u = await this.cached(`uc:${code}`, () => repositories(this.db).units.findByCode(code));
      if (!u) throw new AppError('VALIDATION', `Không có đơn vị mã "${unitCode}".`, [{ field: 'evaluatedUnitCode', message: 'không có' }]);
      unitId = u.id;
    }
    const response: SurveyResponse = { ...r, questionnaireCode: q.code, respondentGroup: ctx.respondentGroup ?? r.respondentGroup, evaluatedUnitCode: unitCode, channel: ctx.kind === 'desk' ? 'kiosk' : 'online' };
    const problems = checkSurveyResponse(q.document, response);
    if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: p.field, message: p.message })));
    let dossierHash: string | null = null;
    if (ctx.desk?.requireDossier) {
      const dossier = body.dossierCode?.trim();
      if (!dossier) throw new AppError('VALIDATION', 'Hãy nhập mã hồ sơ (trên giấy tiếp nhận) để xác nhận bạn đã giao dịch tại đây.', [{ field: 'dossierCode', message: 'bắt buộc' }]);
      dossierHash = dossierDigest(this.secret, q.id, dossier);
    }
    const row: ResponseRow = {
      id: r.id,
      questionnaireId: q.id,
      unitId,
      respondentGroup: response.respondentGroup,
      channel: response.channel,
      answers: r.answers,
      startedAt: r.startedAt ? new Date(r.startedAt) : null,
      submittedAt: r.submittedAt ? new Date(r.submittedAt) : new Date(),
      durationSeconds: r.durationSeconds === undefined ? null : Math.round(r.durationSeconds),
      deskCode: ctx.desk?.code ?? null,
      dossierHash,
      respondentName: q.identified && ctx.token?.label ? ctx.token.label : null,
    };
    if (dossierHash) {
      // No unique index on (questionnaire, dossier hash) and no migration here: two submissions of one
      // dossier are serialised by a transaction-scoped advisory lock on it, so the check and the insert
      // cannot interleave (PGlite and PostgreSQL alike).
      const hash = dossierHash;
      return this.db.transaction(async (t) => {
        const responses = new SurveyResponseRepository(t as unknown as Db);
        await responses.lockDossier(q.id, hash);
        const seen = await responses.findIdByDossier(q.id, hash);
        if (seen && seen.id !== r.id) throw new AppError('CONFLICT', 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.');
        return { id: r.id, stored: (await responses.insertMany([row])).has(r.id) };
      });
    }
    if (ctx.kind === 'token') {
      // One transaction: the token is used by this response and no other (a resend of the same form is fine).
      return this.db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const tok = (await new SurveyRepository(tx).lockToken(ctx.token!.tokenHash))!;
        if (tok.usedAt && tok.responseId !== r.id) throw new AppError('CONFLICT', 'Đường dẫn này đã được dùng để gửi một phiếu. Mỗi đường dẫn chỉ dùng một lần.');
        const stored = (await insertResponses(tx, [row])).has(r.id);
        if (!tok.usedAt) await new SurveyRepository(tx).markTokenUsed(tok.tokenHash, r.id);
        return { id: r.id, stored };
      });
    }
    return { id: r.id, stored: await this.writer.write(row) };
  }
}
