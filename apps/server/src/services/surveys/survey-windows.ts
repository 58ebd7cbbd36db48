/**
 * Collection windows of surveys (đóng / mở khảo sát). A questionnaire and each of its kiosk desks
 * take public responses while they are open (`open` / `active` = 1) and today, Vietnam time, is
 * within their optional dates (opens on … closes on, both inclusive, like the stage deadlines in
 * workflow/stage-rules.ts). A desk takes responses only while its questionnaire does too.
 *
 * Once the cycle reaches the council (council, approved, published, closed) the survey results are
 * frozen: every questionnaire and desk counts as closed whatever its flags, nothing reopens, and
 * responses are no longer excluded or restored, imported or typed from paper.
 *
 * The secretariat closes and reopens from the surveys page (survey.routes.ts) and the operator with
 * `parindex surveys close|open` (apps/cli/src/commands/surveys.ts): both call this service.
 */
import { AppError, type SurveyWindowChange, type SurveyWindowDto, type SurveyWindowState, type SurveyWindowsRow } from '@parindex/contracts';
import { CONSOLE, type Actor, type SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { SurveyResponseRepository } from '../../repositories/survey-response.repository.ts';
import { type QuestionnaireRow as QRow, SurveyRepository } from '../../repositories/survey.repository.ts';
import { type SurveyDeskRow as DRow, type StoredWindow, SurveyWindowRepository } from '../../repositories/survey-window.repository.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { pastDeadline, viDate } from '../workflow/stage-rules.ts';

/** Cycle statuses in which the survey results are frozen (the council has them). */
export const SURVEY_FROZEN_STATUSES: ReadonlySet<string> = new Set(['council', 'approved', 'published', 'closed']);

const STATUS_LABEL: Record<string, string> = { council: 'Hội đồng thẩm định', approved: 'đã phê duyệt', published: 'đã công bố', closed: 'đã kết thúc' };

/** The name the audit log shows for the operator at the server's console. */
export const CLI_ACTOR_NAME = 'Dòng lệnh máy chủ (CLI)';

/** The audit log's author: the user, or for the CLI no user id and a clear name. */
export function auditActorOf(actor: Actor): Pick<SessionUser, 'id' | 'fullName'> {
  // audit() writes `actor?.id ?? null`: the CLI is recorded as no user, named as the console.
  return actor === CONSOLE ? ({ id: null, fullName: CLI_ACTOR_NAME } as unknown as Pick<SessionUser, 'id' | 'fullName'>) : actor;
}

function mayManage(actor: Actor): void {
  if (actor !== CONSOLE && actor.role !== 'secretariat') throw new AppError('FORBIDDEN', 'Tài khoản của bạn không có quyền đóng hoặc mở khảo sát.');
}

/** Today's date in Vietnam (UTC+7, no daylight saving), YYYY-MM-DD. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

type WindowRow = StoredWindow;

/** The state of one window today: closed by hand first, then before its first day, after its last. */
export function windowState(w: WindowRow, now = new Date()): SurveyWindowState {
  if (w.open !== 1) return 'closed';
  if (w.opensOn && vietnamToday(now) < w.opensOn) return 'not_yet';
  if (w.closesOn && pastDeadline(w.closesOn, now)) return 'ended';
  return 'open';
}

export function windowDto(w: WindowRow, now = new Date()): SurveyWindowDto {
  return { state: windowState(w, now), opensOn: w.opensOn, closesOn: w.closesOn, closedAt: w.closedAt?.toISOString() ?? null };
}

const viDay = (d: Date) => viDate(vietnamToday(d));

/**
 * The 410 a respondent gets: the survey has ended (with the day) or has not started yet. `where`
 * names a desk ("tại quầy …") when it is the desk that is closed.
 */
function goneError(state: SurveyWindowState, w: WindowRow, where = ''): AppError {
  if (state === 'not_yet')
    return new AppError('GONE', `Cuộc khảo sát${where} chưa bắt đầu: phiếu nhận trả lời từ ngày ${viDate(w.opensOn!)}. Kính mời Ông/Bà quay lại từ ngày đó.`, [], { reason: 'survey_closed', state, opensOn: w.opensOn });
  const day = state === 'ended' ? viDate(w.closesOn!) : w.closedAt ? viDay(w.closedAt) : null;
  return new AppError(
    'GONE',
    `Cuộc khảo sát${where} đã kết thúc${day ? ` ngày ${day}` : ''}: không nhận thêm phiếu trả lời. Cảm ơn Ông/Bà đã quan tâm.`,
    [],
    { reason: 'survey_closed', state, closedOn: state === 'ended' ? w.closesOn : (w.closedAt?.toISOString() ?? null) },
  );
}

/**
 * Refuses (410) a public form or response when the questionnaire, or the desk it comes through,
 * does not take responses today. Read fresh on every call (one small query), not from the public
 * form's cache: a survey closed a second ago takes nothing more.
 */
export async function assertAcceptingResponses(db: Db, questionnaireId: string, deskCode?: string | null, now = new Date()): Promise<void> {
  const row = await new SurveyWindowRepository(db).findAcceptance(questionnaireId, deskCode);
  if (!row) throw new AppError('NOT_FOUND', 'Phiếu khảo sát không tồn tại.');
  const q: WindowRow = { open: SURVEY_FROZEN_STATUSES.has(row.status) ? 0 : row.open, opensOn: row.opensOn, closesOn: row.closesOn, closedAt: row.closedAt };
  const qState = windowState(q, now);
  if (qState !== 'open') throw goneError(qState, q);
  if (deskCode && row.deskActive !== null) {
    const d: WindowRow = { open: row.deskActive, opensOn: row.deskOpensOn, closesOn: row.deskClosesOn, closedAt: row.deskClosedAt };
    const dState = windowState(d, now);
    if (dState !== 'open') throw goneError(dState, d, ` tại quầy "${row.deskName}"`);
  }
}

/** Refuses (409) a change of the survey results — exclusions, imports, paper forms — once the cycle is at the council or later. */
export async function assertSurveyResultsOpen(db: Db, cycleId: string, what: string): Promise<void> {
  const cycle = await repositories(db).cycles.getById(cycleId);
  if (SURVEY_FROZEN_STATUSES.has(cycle.status))
    throw new AppError(
      'CONFLICT',
      `Kết quả khảo sát của kỳ đánh giá năm ${cycle.year} đã được chốt (kỳ đang ở giai đoạn ${STATUS_LABEL[cycle.status] ?? cycle.status}): không ${what} được nữa. Nếu cần sửa, hãy đề nghị đính chính kết quả.`,
      [],
      { reason: 'survey_frozen', status: cycle.status },
    );
}

/**
 * Closes every questionnaire and desk of a cycle that is still open, in the caller's transaction
 * — the lifecycle service calls it when the cycle moves to the council. Audited once.
 */
export async function closeCycleSurveys(tx: Db, cycleId: string, actor: Actor | null): Promise<{ questionnaires: number; desks: number }> {
  const now = new Date();
  const windows = new SurveyWindowRepository(tx);
  const qs = await windows.closeOpenQuestionnaires(cycleId, now);
  const ds = await windows.closeActiveDesks(cycleId, now);
  if (qs.length || ds.length)
    await audit(tx, actor === null ? null : auditActorOf(actor), { action: 'survey.close_cycle', cycleId, subject: 'khảo sát', after: { questionnaires: qs.map((q) => q.code), desks: ds.map((d) => d.code) } });
  return { questionnaires: qs.length, desks: ds.length };
}

/** Which windows a close/open/dates call touches: one questionnaire (id or code), one desk, or — neither — every one of the cycle. */
export interface WindowTarget {
  questionnaire?: string;
  desk?: string;
}

/** What a call changed; for a desk, its questionnaire's state, which also has to be open for the desk to take responses. */
export type WindowChange = SurveyWindowChange;

export class SurveyWindowService {
  constructor(private readonly db: Db) {}

  /** Every questionnaire of the cycle with its window and response count, and its desks likewise. */
  async list(cycleId: string, now = new Date()): Promise<SurveyWindowsRow[]> {
    const frozen = SURVEY_FROZEN_STATUSES.has((await repositories(this.db).cycles.getById(cycleId)).status);
    const qs = await new SurveyRepository(this.db).listQuestionnaires(cycleId, { byCode: true });
    const ids = qs.length ? qs.map((q) => q.id) : ['-'];
    const desks = await new SurveyWindowRepository(this.db).listDesksWithUnit(ids);
    const counts = await new SurveyResponseRepository(this.db).countByQuestionnaireAndDesk(ids);
    const state = (w: WindowRow) => windowDto(frozen ? { ...w, open: 0 } : w, now);
    return qs.map((q) => ({
      id: q.id,
      code: q.code,
      kind: q.document.kind,
      title: q.document.title,
      ...state(q),
      responses: counts.filter((c) => c.q === q.id).reduce((s, c) => s + Number(c.n), 0),
      desks: desks
        .filter((d) => d.d.questionnaireId === q.id)
        .map(({ d, unitName }) => ({ code: d.code, name: d.name, unitName, ...state({ ...d, open: d.active }), responses: Number(counts.find((c) => c.q === q.id && c.desk === d.code)?.n ?? 0) })),
    }));
  }

  async close(actor: Actor, cycleId: string | null, target: WindowTarget): Promise<WindowChange[]> {
    mayManage(actor);
    // Closing what is already closed keeps the day it was closed (the date respondents are shown).
    return this.change(actor, cycleId, target, 'survey.close', (w) => (w.open === 1 ? { open: 0, closedAt: new Date() } : {}));
  }

  /**
   * Reopens from today: a future opening date is dropped, and a closing date already past is
   * dropped too unless `until` gives a new one (not in the past).
   */
  async open(actor: Actor, cycleId: string | null, target: WindowTarget, opts: { until?: string | null } = {}): Promise<WindowChange[]> {
    mayManage(actor);
    const today = vietnamToday();
    if (opts.until && opts.until < today) throw new AppError('VALIDATION', `Ngày kết thúc ${viDate(opts.until)} đã qua: hãy chọn một ngày từ hôm nay (${viDate(today)}) trở đi.`, [{ field: 'until', message: 'đã qua' }]);
    return this.change(actor, cycleId, target, 'survey.open', (w) => ({
      open: 1,
      closedAt: null,
      opensOn: w.opensOn && w.opensOn > today ? null : w.opensOn,
      closesOn: opts.until !== undefined ? opts.until : w.closesOn && w.closesOn < today ? null : w.closesOn,
    }));
  }

  /** Sets the dates (either may be empty); the open/closed flag stays as it is. */
  async setDates(actor: Actor, cycleId: string | null, target: WindowTarget, dates: { opensOn: string | null; closesOn: string | null }): Promise<WindowChange[]> {
    mayManage(actor);
    if (dates.opensOn && dates.closesOn && dates.opensOn > dates.closesOn)
      throw new AppError('VALIDATION', `Ngày bắt đầu (${viDate(dates.opensOn)}) phải trước hoặc cùng ngày kết thúc (${viDate(dates.closesOn)}).`, [{ field: 'closesOn', message: 'trước ngày bắt đầu' }]);
    return this.change(actor, cycleId, target, 'survey.dates', () => ({ opensOn: dates.opensOn, closesOn: dates.closesOn }));
  }

  private async change(actor: Actor, cycleId: string | null, target: WindowTarget, action: string, patch: (w: WindowRow) => Partial<WindowRow>): Promise<WindowChange[]> {
    const { cycle, qs, desks } = await this.resolve(cycleId, target);
    if (action !== 'survey.close' && SURVEY_FROZEN_STATUSES.has(cycle.status))
      throw new AppError('CONFLICT', `Kỳ đánh giá năm ${cycle.year} đang ở giai đoạn ${STATUS_LABEL[cycle.status]}: kết quả khảo sát đã chốt, không mở lại hay đổi ngày khảo sát được nữa.`, [], { reason: 'survey_frozen' });
    const who = auditActorOf(actor);
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const windows = new SurveyWindowRepository(tx);
      const out: WindowChange[] = [];
      for (const q of qs) {
        const next = { ...q, ...patch(q) };
        await windows.setQuestionnaireWindow(q.id, next);
        await audit(tx, who, { action, cycleId: cycle.id, subject: q.code, before: windowDto(q), after: windowDto(next) });
        out.push({ kind: 'questionnaire', code: q.code, name: q.document.title, ...windowDto(next) });
      }
      for (const { d, q } of desks) {
        const w = { ...d, open: d.active };
        const next = { ...w, ...patch(w) };
        await windows.setDeskWindow(d.code, next);
        await audit(tx, who, { action: `${action}_desk`, cycleId: cycle.id, unitId: d.unitId, subject: `${q.code} / quầy ${d.code}`, before: windowDto(w), after: windowDto(next) });
        // Within this call the questionnaire may have changed too: report its state after the change.
        const qNow = qs.find((x) => x.id === q.id);
        out.push({ kind: 'desk', code: d.code, name: d.name, ...windowDto(next), questionnaireState: windowState(qNow ? { ...qNow, ...patch(qNow) } : q) });
      }
      return out;
    });
  }

  /** The cycle and the rows a target names, refusing what does not exist or belongs to another cycle. */
  private async resolve(cycleId: string | null, target: WindowTarget): Promise<{ cycle: { id: string; year: number; status: string }; qs: QRow[]; desks: { d: DRow; q: QRow }[] }> {
    const repos = repositories(this.db);
    const surveys = new SurveyRepository(this.db);
    const windows = new SurveyWindowRepository(this.db);
    let qs: QRow[] = [];
    let desks: { d: DRow; q: QRow }[] = [];
    if (target.questionnaire) {
      const ref = target.questionnaire;
      const found = await surveys.findQuestionnairesByIdOrCode(ref);
      if (!found.length) throw new AppError('NOT_FOUND', `Không có phiếu khảo sát "${ref}".`);
      qs = found;
    }
    if (target.desk) {
      const code = target.desk.trim().toUpperCase();
      const d = await windows.findDesk(code);
      if (!d) throw new AppError('NOT_FOUND', `Không có quầy khảo sát mã "${target.desk}".`);
      const q = (await surveys.findQuestionnaire(d.questionnaireId))!;
      if (qs.length && qs[0].id !== q.id) throw new AppError('VALIDATION', `Quầy ${code} không thuộc phiếu ${qs[0].code} (mà thuộc phiếu ${q.code}).`);
      desks = [{ d, q }];
      // --questionnaire with --desk names the desk's questionnaire only to make sure of it: the desk alone changes.
      qs = [];
      cycleId ??= q.cycleId;
      if (q.cycleId !== cycleId) throw new AppError('VALIDATION', `Quầy ${code} không thuộc kỳ đánh giá này.`);
    } else if (qs.length) {
      cycleId ??= qs[0].cycleId;
      if (qs[0].cycleId !== cycleId) throw new AppError('VALIDATION', `Phiếu ${qs[0].code} không thuộc kỳ đánh giá này.`);
    } else {
      if (!cycleId) throw new AppError('VALIDATION', 'Hãy chọn kỳ đánh giá, phiếu hoặc quầy khảo sát.');
      qs = await surveys.listQuestionnaires(cycleId);
      if (!qs.length) throw new AppError('NOT_FOUND', 'Kỳ đánh giá chưa có phiếu khảo sát.');
      const ds = await windows.listDesks(qs.map((q) => q.id));
      desks = ds.map((d) => ({ d, q: qs.find((q) => q.id === d.questionnaireId)! }));
    }
    const cycle = await repos.cycles.getById(cycleId!);
    return { cycle, qs, desks };
  }
}
