/**
 * Surveys of a cycle: questionnaires, the sample plan, one-time links and one-stop desks, the
 * public form's submissions (idempotent, durable before acknowledged), file imports, quality
 * flags and exclusions, scoring into the rubric's survey leaves, SIPAS, and the CSV export.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError, Questionnaire, type SurveyResponse, type SurveyScoresDto } from '@parindex/contracts';
import { applicableLeaves, checkResponseQuality, dec, toFixedHalfUp, checkSurveyResponse, computeSipas, indexRubric, sampleSize, scoreSurveyLeaves, toExact } from '@parindex/engine';
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import QRCode from 'qrcode';
import type { SessionUser } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import { questionnaires, surveyDesks, surveyPaperEntries, surveyResponses, surveyTargets, surveyTokens, units } from '../../db/schema.ts';
import { assertNoDuplicates, newId, pgErrorOf, SqlState } from '../../db/sql-helpers.ts';
import { importQuestionnaireWorkbook } from '../../survey-io/questionnaire-xlsx.ts';
import { readRespondentList } from '../../survey-io/respondent-list.ts';
import { readResponses, stableResponseId } from '../../survey-io/responses-import.ts';
import type { TableSource } from '../../survey-io/table-rows.ts';
import { assertUnitsExist } from '../references.ts';
import { repositories } from '../repositories.ts';
import { audit } from '../workflow/audit.ts';
import { exportResponsesCsv } from './responses-csv.ts';
import { linkedLeafCodes, readSurveyScores, storeSurveyScores } from './survey-scores.ts';
import { insertResponses, type ResponseRow, ResponseWriter } from './response-writer.ts';
import { dossierDigest } from './survey-secret.ts';
import { assertCycleWritable } from '../workflow/stage-rules.ts';
import { assertAcceptingResponses, assertSurveyResultsOpen, windowDto } from './survey-windows.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const collator = new Intl.Collator('vi');

/** A response import running in the background: the page polls it to show progress. */
export interface ImportJob {
  id: string;
  questionnaireId: string;
  userId: string;
  status: 'running' | 'done' | 'failed';
  rows: number;
  /** Estimated rows of the file (CSV line count), for the progress bar; null for XLSX. */
  totalRows: number | null;
  result?: { rows: number; stored: number; duplicates: number; rejected: { row: number; reason: string; field?: string }[] };
  error?: string;
  finishedAt?: number;
}

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

export class SurveyService {
  readonly writer: ResponseWriter;
  private readonly cache = new LRUCache<string, { value: unknown }>({ max: 10_000, ttl: CACHE_TTL_MS });
  /** Import jobs, kept one hour after they finish. */
  private readonly jobs = new LRUCache<string, ImportJob>({ max: 200, ttl: 60 * 60 * 1000 });
  /** Key of the dossier-code HMAC (survey-secret.ts); without one (tests, benchmarks) a key for this process only. */
  private readonly secret: Buffer;
  constructor(
    private readonly db: Db,
    opts: { secret?: Buffer } = {},
  ) {
    this.writer = new ResponseWriter(db);
    this.secret = opts.secret ?? randomBytes(32);
  }

  private async cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.cache.get(key);
    if (hit) return hit.value as T;
    const value = await load();
    this.cache.set(key, { value });
    return value;
  }

  private async rubricOf(cycleId: string) {
    const repos = repositories(this.db);
    const cycle = await repos.cycles.getById(cycleId);
    if (!cycle.rubricVersionId) throw new AppError('VALIDATION', 'Kỳ đánh giá này không có bộ chỉ số để gắn câu hỏi khảo sát.');
    return { cycle, rubric: indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) };
  }

  async create(actor: SessionUser, cycleId: string, doc: unknown, opts: { identified?: boolean } = {}) {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'thêm phiếu khảo sát');
    const parsed = Questionnaire.safeParse(doc);
    if (!parsed.success) throw new AppError('VALIDATION', 'Phiếu khảo sát không hợp lệ.', parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
    const { rubric } = await this.rubricOf(cycleId);
    const surveyLeaves = new Set(rubric.leaves.filter((l) => l.source === 'survey').map((l) => l.code));
    const bad = parsed.data.questions.filter((q) => q.scoring && !surveyLeaves.has(q.scoring.leafCode));
    if (bad.length) throw new AppError('VALIDATION', `Câu ${bad[0].code} gắn với tiêu chí ${bad[0].scoring!.leafCode}, không phải tiêu chí điều tra XHH của bộ chỉ số.`, [{ field: 'questions', message: 'tiêu chí không hợp lệ' }]);
    const id = newId();
    try {
      await this.db.insert(questionnaires).values({ id, cycleId, code: parsed.data.code, kind: parsed.data.kind, document: parsed.data, identified: opts.identified ? 1 : 0 });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.uniqueViolation) throw new AppError('CONFLICT', `Đã có phiếu mã "${parsed.data.code}".`);
      throw err;
    }
    await audit(this.db, actor, { action: 'survey.create', cycleId, subject: parsed.data.code });
    return this.get(id);
  }

  /** The survey is identified when the form says so or the workbook's "Thông tin" sheet does. */
  async importXlsx(actor: SessionUser, cycleId: string, buf: Buffer, opts: { identified?: boolean } = {}) {
    assertCycleWritable(await repositories(this.db).cycles.getById(cycleId), 'nhập phiếu khảo sát');
    const { rubric } = await this.rubricOf(cycleId);
    const wb = await importQuestionnaireWorkbook(buf, { surveyLeafCodes: rubric.leaves.filter((l) => l.source === 'survey').map((l) => l.code) });
    return this.create(actor, cycleId, wb.questionnaire, { identified: opts.identified || wb.identified });
  }

  async list(cycleId: string) {
    const rows = await this.db.select({ id: questionnaires.id, code: questionnaires.code, kind: questionnaires.kind, document: questionnaires.document, open: questionnaires.open, opensOn: questionnaires.opensOn, closesOn: questionnaires.closesOn, closedAt: questionnaires.closedAt, identified: questionnaires.identified }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
    const counts = await this.db
      .select({ q: surveyResponses.questionnaireId, n: sql<number>`count(*)::int`, excluded: sql<number>`count(${surveyResponses.excludedReason})::int` })
      .from(surveyResponses)
      .where(inArray(surveyResponses.questionnaireId, rows.length ? rows.map((r) => r.id) : ['-']))
      .groupBy(surveyResponses.questionnaireId);
    return rows.map((r) => {
      const c = counts.find((x) => x.q === r.id);
      // `open` is the secretariat's switch; `window` says whether it takes responses today (survey-windows.ts).
      return { id: r.id, code: r.code, kind: r.kind, title: r.document.title, year: r.document.year, open: r.open === 1, window: windowDto(r), identified: r.identified === 1, responses: Number(c?.n ?? 0), excluded: Number(c?.excluded ?? 0) };
    });
  }

  async get(id: string) {
    const [q] = await this.db.select().from(questionnaires).where(eq(questionnaires.id, id));
    if (!q) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu khảo sát.');
    return q;
  }

  private async byCode(code: string) {
    const [q] = await this.cached(`q:${code}`, () => this.db.select().from(questionnaires).where(eq(questionnaires.code, code)));
    // Whether it takes responses is checked fresh, after the link or desk (assertAcceptingResponses): a closed survey answers 410.
    if (!q) throw new AppError('NOT_FOUND', 'Phiếu khảo sát không tồn tại.');
    return q;
  }

  // ---------- sample plan ----------

  async setTargets(actor: SessionUser, questionnaireId: string, rows: { unitId: string; respondentGroup: string; transactions?: number | null; margin?: string | null; target?: number | null }[]) {
    const q = await this.get(questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'sửa cỡ mẫu khảo sát');
    const groups = new Set(q.document.respondentGroups.map((g) => g.code));
    const values = rows.map((r, i) => {
      if (!groups.has(r.respondentGroup)) throw new AppError('VALIDATION', `Dòng ${i + 1}: nhóm đối tượng "${r.respondentGroup}" không có trong phiếu.`, [{ row: i + 1, field: 'respondentGroup', message: 'không có' }]);
      let target = r.target ?? null;
      if (target === null) {
        if (!r.transactions || !r.margin) throw new AppError('VALIDATION', `Dòng ${i + 1}: cần cỡ mẫu, hoặc số giao dịch N và sai số e để tính n = N/(1+N·e²).`, [{ row: i + 1, field: 'target', message: 'thiếu' }]);
        target = sampleSize(r.transactions, r.margin);
      }
      return { questionnaireId, unitId: r.unitId, respondentGroup: r.respondentGroup, transactions: r.transactions ?? null, margin: r.margin ?? null, target };
    });
    await assertUnitsExist(this.db, rows.map((r) => r.unitId));
    assertNoDuplicates(values, (v) => `${v.unitId} × ${v.respondentGroup}`, 'Cỡ mẫu của đơn vị × nhóm đối tượng');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.delete(surveyTargets).where(eq(surveyTargets.questionnaireId, questionnaireId));
      if (values.length) await tx.insert(surveyTargets).values(values);
      await audit(tx, actor, { action: 'survey.targets', cycleId: q.cycleId, subject: q.code, after: { rows: values.length } });
    });
    return this.progress(questionnaireId);
  }

  /** Response rate against target per unit × group (valid responses only). */
  async progress(questionnaireId: string) {
    const targets = await this.db.select({ unitId: surveyTargets.unitId, group: surveyTargets.respondentGroup, target: surveyTargets.target, transactions: surveyTargets.transactions, margin: surveyTargets.margin, name: units.name }).from(surveyTargets).innerJoin(units, eq(units.id, surveyTargets.unitId)).where(eq(surveyTargets.questionnaireId, questionnaireId));
    const counts = await this.db
      .select({ unitId: surveyResponses.unitId, group: surveyResponses.respondentGroup, n: sql<number>`count(*)::int` })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.questionnaireId, questionnaireId), isNull(surveyResponses.excludedReason)))
      .groupBy(surveyResponses.unitId, surveyResponses.respondentGroup);
    return targets
      .map((t) => {
        const n = Number(counts.find((c) => c.unitId === t.unitId && c.group === t.group)?.n ?? 0);
        return { unitId: t.unitId, unitName: t.name, respondentGroup: t.group, transactions: t.transactions, margin: t.margin, target: t.target, responses: n, ratePercent: t.target ? toFixedHalfUp(dec(n).times(100).dividedBy(t.target), 1) : '0' };
      })
      .sort((a, b) => collator.compare(a.unitName, b.unitName) || a.respondentGroup.localeCompare(b.respondentGroup));
  }

  // ---------- one-time links and desks ----------

  /** Makes one-time links; the tokens are shown once (only their hash is kept), each with its QR code (SVG). */
  async makeTokens(actor: SessionUser, questionnaireId: string, body: { unitId?: string | null; respondentGroup: string; count?: number; labels?: string[]; links?: { label: string; unitId: string | null }[]; baseUrl: string }) {
    const q = await this.get(questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo đường dẫn khảo sát');
    if (!q.document.respondentGroups.some((g) => g.code === body.respondentGroup)) throw new AppError('VALIDATION', `Nhóm đối tượng "${body.respondentGroup}" không có trong phiếu.`, [{ field: 'respondentGroup', message: 'không có' }]);
    const unitId = body.unitId ?? null;
    const links = body.links ?? (body.labels?.length ? body.labels : Array.from({ length: body.count ?? 1 }, () => null)).map((label) => ({ label, unitId }));
    if (links.length > 5000) throw new AppError('VALIDATION', 'Tối đa 5.000 đường dẫn mỗi lần.');
    // The links' unit when one is chosen (a respondent list's own units come from its unit codes, already checked against the cycle's units).
    await assertUnitsExist(this.db, [unitId]);
    const out = await Promise.all(
      links.map(async (link) => {
        const token = randomBytes(18).toString('base64url');
        const url = `${body.baseUrl.replace(/\/$/, '')}/khao-sat/${encodeURIComponent(q.code)}?t=${token}`;
        return { token, ...link, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, width: 160 }) };
      }),
    );
    // One statement: every link of the list is made, or none.
    await this.db.insert(surveyTokens).values(out.map((o) => ({ tokenHash: sha256(o.token), questionnaireId, unitId: o.unitId, respondentGroup: body.respondentGroup, label: q.identified ? o.label : null })));
    await audit(this.db, actor, { action: 'survey.tokens', cycleId: q.cycleId, subject: q.code, after: { count: out.length, unitId, group: body.respondentGroup, fromList: !!body.links } });
    return out.map(({ label, unitId: u, url, qrSvg }) => ({ label, unitId: u, url, qrSvg }));
  }

  /**
   * One one-time link per person of a respondent list (survey-io/respondent-list.ts): nothing is
   * made when any row is bad. Names are printed on the QR sheet; they are kept with the link only
   * for an identified survey.
   */
  async tokensFromList(actor: SessionUser, questionnaireId: string, file: TableSource, body: { unitId?: string | null; respondentGroup: string; baseUrl: string }) {
    const q = await this.get(questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo đường dẫn khảo sát');
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const people = await readRespondentList(file, cycleUnits);
    const idOf = new Map(cycleUnits.map((u) => [u.code, u.unitId]));
    const links = await this.makeTokens(actor, questionnaireId, { ...body, links: people.map((p) => ({ label: p.unit ? `${p.name} — ${p.unit}` : p.name, unitId: p.evaluatedUnitCode ? idOf.get(p.evaluatedUnitCode)! : (body.unitId ?? null) })) });
    return links.map((l, i) => ({ ...l, row: people[i].row, name: people[i].name, unit: people[i].unit ?? null, email: people[i].email ?? null }));
  }

  async createDesk(actor: SessionUser, questionnaireId: string, body: { unitId: string; name: string; respondentGroup: string; requireDossier?: boolean; baseUrl: string }) {
    const q = await this.get(questionnaireId);
    assertCycleWritable(await repositories(this.db).cycles.getById(q.cycleId), 'tạo quầy khảo sát');
    if (!q.document.respondentGroups.some((g) => g.code === body.respondentGroup)) throw new AppError('VALIDATION', `Nhóm đối tượng "${body.respondentGroup}" không có trong phiếu.`, [{ field: 'respondentGroup', message: 'không có' }]);
    await assertUnitsExist(this.db, [body.unitId]);
    const code = randomBytes(5).toString('base64url').replace(/[-_]/g, 'x').toUpperCase();
    await this.db.insert(surveyDesks).values({ code, questionnaireId, unitId: body.unitId, name: body.name, respondentGroup: body.respondentGroup, requireDossier: body.requireDossier ? 1 : 0 });
    await audit(this.db, actor, { action: 'survey.desk', cycleId: q.cycleId, subject: q.code, after: { code, name: body.name } });
    const url = `${body.baseUrl.replace(/\/$/, '')}/khao-sat/${encodeURIComponent(q.code)}?quay=${code}`;
    return { code, name: body.name, url, qrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, width: 220 }) };
  }

  async listDesks(questionnaireId: string) {
    const rows = await this.db
      .select({ code: surveyDesks.code, name: surveyDesks.name, unitId: surveyDesks.unitId, unitName: units.name, respondentGroup: surveyDesks.respondentGroup, requireDossier: surveyDesks.requireDossier, active: surveyDesks.active, opensOn: surveyDesks.opensOn, closesOn: surveyDesks.closesOn, closedAt: surveyDesks.closedAt })
      .from(surveyDesks)
      .innerJoin(units, eq(units.id, surveyDesks.unitId))
      .where(eq(surveyDesks.questionnaireId, questionnaireId));
    return rows.map(({ opensOn, closesOn, closedAt, ...d }) => ({ ...d, window: windowDto({ open: d.active, opensOn, closesOn, closedAt }) }));
  }

  // ---------- the public form ----------

  /** What the form needs: the questionnaire, and the group/unit fixed by the link or desk. */
  async publicForm(code: string, access: { token?: string; desk?: string }) {
    const q = await this.byCode(code);
    const ctx = await this.accessContext(q.id, access);
    // A closed survey (or desk) shows why instead of the questions (410).
    await assertAcceptingResponses(this.db, q.id, ctx.desk?.code);
    // Refused on opening, not after answering. A resend of the same form (outbox) still reaches submit().
    if (ctx.token?.usedAt)
      throw new AppError('CONFLICT', 'Đường dẫn này đã được dùng để gửi một phiếu trả lời; mỗi đường dẫn chỉ dùng một lần. Nếu Ông/Bà chưa trả lời, hãy liên hệ cơ quan tổ chức khảo sát để được cấp đường dẫn mới.', [], { reason: 'link_used' });
    const unitRows = await this.db.select({ id: units.id, code: units.code, name: units.name }).from(units);
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
      const [t] = await this.db.select().from(surveyTokens).where(and(eq(surveyTokens.tokenHash, sha256(access.token)), eq(surveyTokens.questionnaireId, questionnaireId)));
      if (!t) throw new AppError('FORBIDDEN', 'Đường dẫn khảo sát không đúng hoặc không thuộc phiếu này.');
      return { kind: 'token' as const, token: t, unitId: t.unitId, respondentGroup: t.respondentGroup as string | null, desk: undefined };
    }
    if (access.desk) {
      const desk = access.desk.toUpperCase();
      const [d] = await this.cached(`d:${desk}`, () => this.db.select().from(surveyDesks).where(eq(surveyDesks.code, desk)));
      if (d && d.questionnaireId !== questionnaireId) throw new AppError('FORBIDDEN', 'Mã quầy không thuộc phiếu này.');
      // A desk that exists but is closed is refused by its window (410), not as a wrong code.
      if (!d) throw new AppError('FORBIDDEN', 'Mã quầy không đúng.');
      return { kind: 'desk' as const, token: undefined, unitId: d.unitId as string | null, respondentGroup: d.respondentGroup as string | null, desk: d };
    }
    throw new AppError('FORBIDDEN', 'Cần đường dẫn khảo sát hoặc mã quầy để gửi phiếu.');
  }

  /** Stores one response exactly once; acknowledged only when durable. */
  async submit(code: string, body: SubmitBody): Promise<{ id: string; stored: boolean }> {
    const q = await this.byCode(code);
    const ctx = await this.accessContext(q.id, { token: body.token, desk: body.desk });
    const r = body.response;
    try {
      await assertAcceptingResponses(this.db, q.id, ctx.desk?.code);
    } catch (err) {
      // A form stored before the close whose acknowledgement was lost: the outbox's resend is acknowledged, not refused.
      const [seen] = err instanceof AppError && err.code === 'GONE' ? await this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.id, r.id), eq(surveyResponses.questionnaireId, q.id))) : [];
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
        const tx = t as unknown as Db;
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`dossier:${q.id}:${hash}`}))`);
        const [seen] = await tx.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.questionnaireId, q.id), eq(surveyResponses.dossierHash, hash)));
        if (seen && seen.id !== r.id) throw new AppError('CONFLICT', 'Hồ sơ này đã được đánh giá. Mỗi hồ sơ chỉ đánh giá một lần.');
        return { id: r.id, stored: (await insertResponses(tx, [row])).has(r.id) };
      });
    }
    if (ctx.kind === 'token') {
      // One transaction: the token is used by this response and no other (a resend of the same form is fine).
      return this.db.transaction(async (t) => {
        const tx = t as unknown as Db;
        const [tok] = await tx.select().from(surveyTokens).where(eq(surveyTokens.tokenHash, ctx.token!.tokenHash)).for('update');
        if (tok.usedAt && tok.responseId !== r.id) throw new AppError('CONFLICT', 'Đường dẫn này đã được dùng để gửi một phiếu. Mỗi đường dẫn chỉ dùng một lần.');
        const stored = (await insertResponses(tx, [row])).has(r.id);
        if (!tok.usedAt) await tx.update(surveyTokens).set({ usedAt: new Date(), responseId: r.id }).where(eq(surveyTokens.tokenHash, tok.tokenHash));
        return { id: r.id, stored };
      });
    }
    return { id: r.id, stored: await this.writer.write(row) };
  }

  // ---------- staff: import, quality, exclusion, scoring, SIPAS, export ----------

  /** Imports a CSV/XLSX of responses: valid rows stored once (stable ids), every bad row reported. */
  async importFile(actor: SessionUser, questionnaireId: string, source: TableSource, onProgress?: (rows: number) => void) {
    const q = await this.get(questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, 'nhập thêm phiếu trả lời');
    const unitRows = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const idByCode = new Map(unitRows.map((u) => [u.code, u.unitId]));
    const rejected: { row: number; reason: string; field?: string }[] = [];
    let rows = 0, stored = 0, duplicates = 0;
    let batch: ResponseRow[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const ids = await insertResponses(this.db, batch);
      stored += ids.size;
      duplicates += batch.length - ids.size;
      batch = [];
      onProgress?.(rows);
    };
    for await (const o of readResponses(source, q.document, { unitCodes: idByCode.keys() })) {
      rows++;
      if (!o.ok) {
        rejected.push({ row: o.row, reason: o.reason, field: o.field });
        continue;
      }
      const r = o.response;
      batch.push({ id: r.id, questionnaireId, unitId: r.evaluatedUnitCode ? (idByCode.get(r.evaluatedUnitCode) ?? null) : null, respondentGroup: r.respondentGroup, channel: r.channel, answers: r.answers, startedAt: r.startedAt ? new Date(r.startedAt) : null, submittedAt: r.submittedAt ? new Date(r.submittedAt) : null, durationSeconds: r.durationSeconds === undefined ? null : Math.round(r.durationSeconds) });
      if (batch.length >= 2000) await flush();
    }
    await flush();
    // After a bulk load the planner's statistics are stale until autovacuum runs: refresh them now,
    // so the per-page queries of the export and the scoring keep using the indexes.
    if (stored >= 10_000) await this.db.execute(sql`analyze ${surveyResponses}`);
    await audit(this.db, actor, { action: 'survey.import', cycleId: q.cycleId, subject: q.code, after: { rows, stored, duplicates, rejected: rejected.length } });
    return { rows, stored, duplicates, rejected };
  }

  /**
   * Paper forms typed twice (nhập hai lần): the first entry waits; the second is compared with it
   * and, when every answer agrees, the response is stored (id derived from the form's number, so it
   * is stored once). When they differ the differing questions are returned and nothing is stored
   * until a third entry agrees with one of the two.
   */
  async enterPaper(actor: SessionUser, questionnaireId: string, body: { serial: string; respondentGroup: string; evaluatedUnitCode?: string | null; answers: Record<string, string | string[]> }) {
    const q = await this.get(questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, 'nhập thêm phiếu giấy');
    const serial = body.serial.trim();
    if (!serial) throw new AppError('VALIDATION', 'Hãy nhập số phiếu ghi trên phiếu giấy.', [{ field: 'serial', message: 'bắt buộc' }]);
    const answers = Object.fromEntries(Object.entries(body.answers).filter(([, a]) => (Array.isArray(a) ? a.length > 0 : a !== '')));
    const id = stableResponseId(`paper:${q.id}:${serial}`);
    const response: SurveyResponse = { id, questionnaireCode: q.code, respondentGroup: body.respondentGroup, evaluatedUnitCode: body.evaluatedUnitCode ?? undefined, answers, channel: 'paper' };
    const problems = checkSurveyResponse(q.document, response);
    if (problems.length) throw new AppError('VALIDATION', problems.map((p) => p.message).join(' '), problems.map((p) => ({ field: p.field, message: p.message })));
    const key = (e: { respondentGroup: string; unitCode: string | null; answers: Record<string, string | string[]> }) =>
      JSON.stringify([e.respondentGroup, e.unitCode ?? '', Object.entries(e.answers).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v])]);
    const mine = { respondentGroup: body.respondentGroup, unitCode: body.evaluatedUnitCode ?? null, answers };
    return this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [stored] = await tx.select({ id: surveyResponses.id }).from(surveyResponses).where(eq(surveyResponses.id, id));
      if (stored) throw new AppError('CONFLICT', `Phiếu giấy số ${serial} đã được nhập đủ hai lần và lưu.`);
      const entries = await tx.select().from(surveyPaperEntries).where(and(eq(surveyPaperEntries.questionnaireId, questionnaireId), eq(surveyPaperEntries.serial, serial))).for('update');
      const entryNo = entries.length + 1;
      if (entries.length === 0) {
        await tx.insert(surveyPaperEntries).values({ questionnaireId, serial, entryNo, ...mine, enteredBy: actor.id });
        return { status: 'first' as const, serial, differences: [] as string[] };
      }
      if (entries.length === 1 && entries[0].enteredBy === actor.id)
        throw new AppError('CONFLICT', `Phiếu số ${serial} đã được bạn nhập lần 1; lần nhập thứ hai phải do người khác thực hiện.`);
      // The agreeing entry must be someone else's: a typist cannot confirm their own reading.
      if (entries.every((e) => e.enteredBy === actor.id))
        throw new AppError('CONFLICT', `Phiếu số ${serial} chỉ có các lần nhập của chính bạn; lần nhập tiếp theo phải do người khác thực hiện.`);
      const match = entries.find((e) => e.enteredBy !== actor.id && key(e) === key(mine));
      await tx.insert(surveyPaperEntries).values({ questionnaireId, serial, entryNo, ...mine, enteredBy: actor.id });
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
  async pendingPaper(questionnaireId: string) {
    const rows = await this.db.select({ serial: surveyPaperEntries.serial, entryNo: surveyPaperEntries.entryNo, enteredAt: surveyPaperEntries.enteredAt }).from(surveyPaperEntries).where(eq(surveyPaperEntries.questionnaireId, questionnaireId));
    const q = await this.get(questionnaireId);
    const stored = new Set(
      (await this.db.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.questionnaireId, questionnaireId), eq(surveyResponses.channel, 'paper')))).map((r) => r.id),
    );
    const bySerial = new Map<string, number>();
    for (const r of rows) bySerial.set(r.serial, Math.max(bySerial.get(r.serial) ?? 0, r.entryNo));
    return [...bySerial]
      .filter(([serial]) => !stored.has(stableResponseId(`paper:${q.id}:${serial}`)))
      .map(([serial, entries]) => ({ serial, entries, waitingFor: entries === 1 ? 'second' : 'reconcile' }))
      .sort((a, b) => a.serial.localeCompare(b.serial, 'vi', { numeric: true }));
  }

  /** Starts an import in the background; poll importJob(id) for progress and the report. */
  startImport(actor: SessionUser, questionnaireId: string, content: Buffer): ImportJob {
    const isZip = content.subarray(0, 2).toString('latin1') === 'PK';
    let lines = 0;
    if (!isZip) for (let i = content.indexOf(10); i !== -1; i = content.indexOf(10, i + 1)) lines++;
    const job: ImportJob = { id: newId(), questionnaireId, userId: actor.id, status: 'running', rows: 0, totalRows: isZip ? null : Math.max(0, lines - (content[content.length - 1] === 10 ? 1 : 0)) };
    this.jobs.set(job.id, job);
    void this.importFile(actor, questionnaireId, content, (rows) => (job.rows = rows)).then(
      (result) => Object.assign(job, { status: 'done', rows: result.rows, result, finishedAt: Date.now() }),
      (err: unknown) => Object.assign(job, { status: 'failed', error: err instanceof AppError ? err.message : 'Lỗi khi nhập tệp; hãy thử lại.', finishedAt: Date.now() }),
    );
    return job;
  }

  importJob(actor: SessionUser, id: string): ImportJob {
    const job = this.jobs.get(id);
    if (!job || job.userId !== actor.id) throw new AppError('NOT_FOUND', 'Không tìm thấy lượt nhập tệp (có thể đã quá một giờ).');
    return job;
  }

  private async responsesOf(questionnaireIds: string[], includeExcluded = true): Promise<{ rows: (typeof surveyResponses.$inferSelect)[]; responses: SurveyResponse[] }> {
    if (questionnaireIds.length === 0) return { rows: [], responses: [] };
    const qs = await this.db.select({ id: questionnaires.id, code: questionnaires.code }).from(questionnaires).where(inArray(questionnaires.id, questionnaireIds));
    const codeOf = new Map(qs.map((q) => [q.id, q.code]));
    const unitCode = new Map((await this.db.select({ id: units.id, code: units.code }).from(units)).map((u) => [u.id, u.code]));
    const rows = await this.db.select().from(surveyResponses).where(and(inArray(surveyResponses.questionnaireId, questionnaireIds), includeExcluded ? undefined : isNull(surveyResponses.excludedReason)));
    const responses = rows.map(
      (r): SurveyResponse => ({
        id: r.id,
        questionnaireCode: codeOf.get(r.questionnaireId)!,
        respondentGroup: r.respondentGroup,
        evaluatedUnitCode: r.unitId ? unitCode.get(r.unitId) : undefined,
        answers: r.answers,
        startedAt: r.startedAt?.toISOString(),
        submittedAt: r.submittedAt?.toISOString(),
        durationSeconds: r.durationSeconds ?? undefined,
        channel: r.channel as SurveyResponse['channel'],
      }),
    );
    return { rows, responses };
  }

  async quality(questionnaireId: string) {
    const q = await this.get(questionnaireId);
    const { rows, responses } = await this.responsesOf([questionnaireId]);
    const flags = checkResponseQuality([q.document], responses);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return flags.map((f) => ({ ...f, excludedReason: byId.get(f.responseId)?.excludedReason ?? null }));
  }

  async exclude(actor: SessionUser, responseId: string, reason: string | null) {
    const [r] = await this.db.select().from(surveyResponses).where(eq(surveyResponses.id, responseId));
    if (!r) throw new AppError('NOT_FOUND', 'Không tìm thấy phiếu trả lời.');
    if (reason !== null && !reason.trim()) throw new AppError('VALIDATION', 'Hãy ghi lý do loại phiếu.', [{ field: 'reason', message: 'bắt buộc' }]);
    const q = await this.get(r.questionnaireId);
    await assertSurveyResultsOpen(this.db, q.cycleId, reason === null ? 'khôi phục phiếu đã loại' : 'loại phiếu trả lời');
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.update(surveyResponses).set({ excludedReason: reason?.trim() ?? null, excludedBy: reason ? actor.id : null }).where(eq(surveyResponses.id, responseId));
      await audit(tx, actor, { action: reason ? 'survey.exclude' : 'survey.include', cycleId: q.cycleId, unitId: r.unitId, subject: responseId, before: { excludedReason: r.excludedReason }, after: { excludedReason: reason }, reason });
    });
    return { id: responseId, excludedReason: reason };
  }

  /**
   * Scores every linked survey leaf of the cycle from the valid responses and stores, for every
   * unit the leaf applies to, the points the engine totals use — or that the leaf is not applicable
   * (fallback), which takes it out of the unit's maximum — with answers, flag and interval (survey-scores.ts).
   */
  async score(actor: SessionUser, cycleId: string): Promise<SurveyScoresDto> {
    const { cycle, rubric } = await this.rubricOf(cycleId);
    if (['approved', 'published', 'closed'].includes(cycle.status)) throw new AppError('CONFLICT', 'Điểm đã phê duyệt hoặc công bố: không chấm lại điểm khảo sát.');
    const qs = await this.db.select().from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
    if (qs.length === 0) throw new AppError('VALIDATION', 'Kỳ đánh giá chưa có phiếu khảo sát.');
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(cycleId);
    const excl = await repositories(this.db).cycles.listExclusions(cycleId);
    // Only leaves some question scores: a leaf no questionnaire asks about is left as it is, not
    // marked "not applicable" for every unit because, say, the other questionnaire is not made yet.
    const linked = linkedLeafCodes(qs.map((q) => q.document));
    const surveyLeaves = rubric.leaves.filter((l) => l.source === 'survey' && linked.has(l.code));
    const applies = new Map(cycleUnits.map((u) => [u.code, new Set(applicableLeaves(rubric, u.peerGroup, excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode)).map((l) => l.code))]));
    const appliesTo = (unit: string, leaf: string) => applies.get(unit)?.has(leaf) ?? false;
    const { responses, rows } = await this.responsesOf(qs.map((q) => q.id));
    const scoring = scoreSurveyLeaves(
      qs.map((q) => q.document),
      responses,
      {
        leafMax: Object.fromEntries(surveyLeaves.map((l) => [l.code, l.max])),
        unitCodes: cycleUnits.map((u) => u.code),
        unitGroups: Object.fromEntries(cycleUnits.map((u) => [u.code, u.peerGroup])),
        excludedIds: rows.filter((r) => r.excludedReason).map((r) => r.id),
        applies: appliesTo,
      },
    );
    await storeSurveyScores(this.db, actor, cycleId, scoring, cycleUnits, appliesTo);
    return readSurveyScores(this.db, cycleId, rubric, cycleUnits, linked);
  }

  /** The survey points as last scored and stored (the score panel on load). */
  async scores(cycleId: string): Promise<SurveyScoresDto> {
    const { rubric } = await this.rubricOf(cycleId);
    const qs = await this.db.select({ document: questionnaires.document }).from(questionnaires).where(eq(questionnaires.cycleId, cycleId));
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(cycleId);
    return readSurveyScores(this.db, cycleId, rubric, cycleUnits, linkedLeafCodes(qs.map((q) => q.document)));
  }

  async sipas(questionnaireId: string) {
    const q = await this.get(questionnaireId);
    if (q.kind !== 'sipas') throw new AppError('VALIDATION', 'Phiếu này không phải phiếu SIPAS.');
    const { responses, rows } = await this.responsesOf([questionnaireId]);
    const cycleUnits = await repositories(this.db).cycles.listCycleUnits(q.cycleId);
    const report = computeSipas(q.document, responses, { unitCodes: cycleUnits.map((u) => u.code), excludedIds: rows.filter((r) => r.excludedReason).map((r) => r.id) });
    const nameOf = new Map(cycleUnits.map((u) => [u.code, u.name]));
    const conv = (v: unknown): unknown => {
      if (v && typeof v === 'object' && 'toFixed' in (v as object) && 'precision' in (v as object)) return toExact(v as never);
      if (Array.isArray(v)) return v.map(conv);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, conv(x)]));
      return v;
    };
    const out = conv(report) as { units: { unitCode?: string }[] };
    return { ...out, units: out.units.map((u) => ({ ...u, unitName: u.unitCode ? (nameOf.get(u.unitCode) ?? u.unitCode) : null })) };
  }

  /** Streams every response as CSV (see responses-csv.ts). */
  exportCsv(questionnaireId: string): AsyncGenerator<string> {
    return exportResponsesCsv(this.db, questionnaireId);
  }
}
