import { AppError, type Issue, type PublishedRubricDto, type RubricDocument, type RubricReplacementDto, type RubricUploadResult } from '@parindex/contracts';
import {
  GIVEN_POINTS_LABEL, checkGivenPoints, diffRubrics, sameRubricDocument, validateRubric,
} from '@parindex/engine';
import { type Actor, assertActorRole, CONSOLE } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { RubricVersion } from '../repositories/rubric.repository.ts';
import { importRubricJson, exportRubricJson } from '../rubric-io/rubric-json.ts';
import { exportRubricXlsx, importRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { detectTableFormat } from '../io/table-reader.ts';
import { PublicationStore } from './publication/publication-store.ts';
import { type Repositories, inTransaction, repositories } from './repositories.ts';
import { PUBLIC_STATUSES } from './results.service.ts';
import { type RubricComparisonDto, compareRubrics } from './rubric-compare.ts';
import { type ScoreRows, assertRubricReplaceable, loadGivenPoints, versionText, writeRescaled } from './rubric-replacement.ts';
import { type RubricTreeDto, type RubricVersionDto, presentRubricTree, presentVersionSummary } from './rubric-tree.ts';
import { locateRubricErrors } from './rubric-upload-errors.ts';
import { audit } from './workflow/audit.ts';
import { asUser } from './workflow/console-actor.ts';

export type RubricFormat = 'xlsx' | 'json';

/** Reads a rubric file (XLSX annex layout or JSON, told apart by content) and validates it fully; nothing is saved. */
export async function parseRubricFile(file: Buffer): Promise<{ ok: true; doc: RubricDocument } | { ok: false; issues: Issue[] }> {
  if (file.length === 0) return { ok: false, issues: [{ message: 'Tệp rỗng: không có bộ chỉ số để nhập.' }] };
  return detectTableFormat(file) === 'xlsx' ? importRubricXlsx(file) : importRubricJson(file.toString('utf8'));
}

/** Rubric versions: import (validated, nothing saved when anything is wrong), export, and replacement inside a running cycle (preview, then replace). */
export class RubricService {
  constructor(private readonly db: Db) {}


  /** Finds "CODE" (latest version) or "CODE@N". */
  async find(ref: string): Promise<RubricVersion> {
    const [code, v] = ref.split('@');
    const repo = repositories(this.db).rubrics;
    const found = v ? await repo.findVersion(code, Number(v)) : await repo.findLatest(code);
    if (!found) throw new AppError('NOT_FOUND', `Không có bộ chỉ số "${ref}".`);
    return found;
  }

  async export(ref: string, format: RubricFormat): Promise<Buffer> {
    const { document } = await this.find(ref);
    return format === 'xlsx' ? exportRubricXlsx(document) : Buffer.from(exportRubricJson(document));
  }

  /** Every version, newest year first, each with the cycles scored on it (the rubric page's list). */
  async listVersions(): Promise<RubricVersionDto[]> {
    const r = repositories(this.db);
    const cycles = await r.cycles.list();
    const usedBy = (id: string) => cycles.filter((c) => c.rubricVersionId === id).map((c) => ({ id: c.id, year: c.year, name: c.name, status: c.status }));
    return (await r.rubrics.list()).map((v) => presentVersionSummary(v, usedBy(v.id)));
  }

  /**
   * A rubric file uploaded from the rubric page (XLSX annex or JSON), stored as the next version of
   * its code. Every problem of the file refuses it whole (400), listed with its sheet, row and
   * column in `details.errors`; nothing is saved. A file identical to the latest version of its
   * code stores nothing and says so.
   */
  async upload(actor: Actor, file: Buffer): Promise<RubricUploadResult> {
    mayManage(actor);
    const parsed = await parseRubricFile(file);
    if (!parsed.ok) {
      const format = detectTableFormat(file) === 'xlsx' ? 'xlsx' : 'json';
      throw new AppError('VALIDATION', `Tệp bộ chỉ số có ${parsed.issues.length} lỗi; chưa lưu gì. Sửa các ô được nêu rồi tải lên lại.`, parsed.issues, { errors: locateRubricErrors(parsed.issues, format) });
    }
    const doc = parsed.doc;
    return inTransaction(this.db, async (r, tx) => {
      const latest = await r.rubrics.findLatest(doc.code);
      if (latest && sameRubricDocument(latest.document, doc))
        return { stored: false, message: `Tệp giống hệt ${versionText(doc, latest.version)} đã lưu: không lưu phiên bản mới.`, version: presentVersionSummary(latest, []) };
      const version = await r.rubrics.insertVersion(doc);
      await audit(tx, asUser(actor), { action: 'rubric.import', subject: doc.code, after: { rubric: { id: version.id, code: version.code, version: version.version, year: doc.year } } });
      return { stored: true, message: `Đã lưu ${versionText(doc, version.version)} (${doc.name}).`, version: presentVersionSummary(version, []) };
    });
  }

  /** A version as the tree view shows it. */
  async tree(versionId: string): Promise<RubricTreeDto> {
    return presentRubricTree(await repositories(this.db).rubrics.getVersion(versionId));
  }

  /** A stored version as a file: the annex XLSX or the JSON document, with a file name. */
  async exportVersion(versionId: string, format: RubricFormat): Promise<{ fileName: string; body: Buffer }> {
    const v = await repositories(this.db).rubrics.getVersion(versionId);
    return rubricFile(v, format);
  }

  /** Two versions compared: the replacement's change report, rules written out, texts and settings changed. */
  async compare(fromId: string, toId: string): Promise<RubricComparisonDto> {
    const repo = repositories(this.db).rubrics;
    const [a, b] = [await repo.getVersion(fromId), await repo.getVersion(toId)];
    return compareRubrics({ ...presentVersionSummary(a, []), document: a.document }, { ...presentVersionSummary(b, []), document: b.document });
  }

  /**
   * The rubric a published (or closed) cycle was scored on, for the portal: the version its latest
   * publication names. 404 for a cycle the public may not see, and for one imported as totals.
   */
  async published(cycleId: string): Promise<PublishedRubricDto> {
    const { cycle, version } = await this.publishedVersion(cycleId);
    return { cycle: { id: cycle.id, year: cycle.year, name: cycle.name }, rubric: presentRubricTree(version) };
  }

  /** The published cycle's rubric as the annex XLSX. */
  async exportPublished(cycleId: string): Promise<{ fileName: string; body: Buffer }> {
    return rubricFile((await this.publishedVersion(cycleId)).version, 'xlsx');
  }

  private async publishedVersion(cycleId: string): Promise<{ cycle: Cycle; version: RubricVersion }> {
    const r = repositories(this.db);
    const cycle = (await r.cycles.list()).find((c) => c.id === cycleId);
    if (!cycle || !PUBLIC_STATUSES.has(cycle.status)) throw new AppError('NOT_FOUND', 'Kỳ đánh giá chưa được công bố: bộ chỉ số của kỳ chỉ xem được sau khi công bố kết quả.');
    const latest = await new PublicationStore(this.db).latest(cycle.id);
    const versionId = latest?.document?.rubric?.versionId ?? cycle.rubricVersionId;
    if (!versionId) throw new AppError('NOT_FOUND', `Kết quả năm ${cycle.year} được nhập từ bảng tổng hợp, không chấm theo bộ chỉ số trên hệ thống: không có bộ chỉ số để xem.`);
    return { cycle, version: await r.rubrics.getVersion(versionId) };
  }

  /**
   * What replacing the cycle's rubric with `doc` would do, saving nothing: the change report, the
   * points above a lowered maximum (which `replace` refuses without `rescale`) and, with
   * `rescale`, every value it would scale. For a page to show before the secretariat confirms.
   */
  async previewReplace(actor: Actor, cycleId: string, doc: RubricDocument, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    return this.preview(actor, cycleId, doc, opts);
  }

  /** previewReplace with a version already stored (uploaded on the rubric page): it would become the cycle's version as it is. */
  async previewReplaceWithVersion(actor: Actor, cycleId: string, versionId: string, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    mayReplace(actor);
    return this.preview(actor, cycleId, (await repositories(this.db).rubrics.getVersion(versionId)).document, opts, versionId);
  }

  private async preview(actor: Actor, cycleId: string, doc: RubricDocument, opts: ReplaceOptions, storedId?: string): Promise<RubricReplacement> {
    mayReplace(actor);
    const r = repositories(this.db);
    const { plan } = await this.plan(r, this.db, await r.cycles.getById(cycleId), doc, opts);
    const stored = storedId ? await r.rubrics.getVersion(storedId) : undefined;
    const version = stored?.version ?? ((await r.rubrics.findLatest(doc.code))?.version ?? 0) + 1;
    const message = plan.unchanged
      ? UNCHANGED
      : plan.overMax.length > 0
        ? overMaxMessage(plan.overMax.length)
        : `Có thể thay bộ chỉ số bằng ${versionText(doc, version)}${plan.rescaled.length ? `; ${plan.rescaled.length} điểm được quy đổi theo tỷ lệ` : ''}.`;
    return { ...plan, message, rubric: plan.unchanged ? plan.current : { id: stored?.id ?? null, code: doc.code, version } };
  }

  /**
   * Replaces the rubric version of a running cycle (draft, open or appraisal) with `doc`, in one
   * transaction under the cycle's row lock: the document becomes the next version of its rubric,
   * scores of removed leaves are deleted, surviving ones kept. Points given above a lowered
   * maximum refuse the whole replacement (409 listing unit × leaf × field) unless `rescale`
   * scales the points of every lowered leaf proportionally (engine: checkGivenPoints). A document
   * identical to the cycle's current version stores nothing. Nothing partial is ever saved.
   */
  async replace(actor: Actor, cycleId: string, doc: RubricDocument, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    return this.replaceWith(actor, cycleId, doc, opts);
  }

  /** replace with a version already stored (uploaded on the rubric page): the cycle moves to that version, no new one is stored. */
  async replaceWithVersion(actor: Actor, cycleId: string, versionId: string, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    mayReplace(actor);
    const stored = await repositories(this.db).rubrics.getVersion(versionId);
    return this.replaceWith(actor, cycleId, stored.document, opts, stored);
  }

  private async replaceWith(actor: Actor, cycleId: string, doc: RubricDocument, opts: ReplaceOptions, stored?: RubricVersion): Promise<RubricReplacement> {
    mayReplace(actor);
    return inTransaction(this.db, async (r, tx) => {
      await r.results.lockComputedAt(cycleId);
      const { plan, rows } = await this.plan(r, tx, await r.cycles.getById(cycleId), doc, opts);
      if (plan.unchanged) return { ...plan, message: UNCHANGED, rubric: plan.current };
      if (plan.overMax.length > 0) throw new AppError('CONFLICT', overMaxMessage(plan.overMax.length), plan.overMax.map((o) => ({ field: GIVEN_POINTS_LABEL[o.field], message: o.message })));
      const version = stored ?? (await r.rubrics.insertVersion(doc));
      await r.scores.deleteLeafScores(cycleId, plan.report.removed.map((x) => x.code));
      await writeRescaled(tx, actor, cycleId, plan.rescaled, rows);
      await r.cycles.setRubricVersion(cycleId, version.id);
      await r.cycles.setComputedAt(cycleId, null);
      await audit(tx, asUser(actor), {
        action: 'rubric.replace',
        cycleId,
        subject: doc.code,
        before: { rubric: plan.current },
        after: {
          rubric: { id: version.id, code: version.code, version: version.version },
          added: plan.report.added.map((x) => x.code), removed: plan.report.removed.map((x) => x.code),
          reweighted: plan.report.reweighted.map((x) => `${x.code}: ${x.oldMax} → ${x.newMax}`), rescaled: plan.rescaled.length,
        },
      });
      return { ...plan, message: `Đã thay bộ chỉ số bằng ${versionText(doc, version.version)}.`, rubric: { id: version.id, code: version.code, version: version.version } };
    });
  }

  /** `parindex rubric replace FILE`: reads the file (XLSX or JSON, validated fully), then `replace`. The stage is checked first, so a refused cycle never sends anyone fixing the file. */
  async replaceFromFile(actor: Actor, cycleId: string, file: Buffer, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    mayReplace(actor);
    assertRubricReplaceable(await repositories(this.db).cycles.getById(cycleId));
    const parsed = await parseRubricFile(file);
    if (!parsed.ok) throw new AppError('VALIDATION', `Bộ chỉ số có ${parsed.issues.length} lỗi; chưa lưu gì.`, parsed.issues);
    return this.replace(actor, cycleId, parsed.doc, opts);
  }

  /** Earlier name of replaceFromFile for the console (kept for callers written before the actor). */
  async replaceInCycleFromFile(cycleId: string, file: Buffer, opts: ReplaceOptions = {}): Promise<RubricReplacement> {
    return this.replaceFromFile(CONSOLE, cycleId, file, opts);
  }

  /** The comparison both preview and replace make; `rows` are the leaf scores a rescale rewrites. */
  private async plan(r: Repositories, tx: Db, cycle: Cycle, doc: RubricDocument, opts: ReplaceOptions): Promise<{ plan: Omit<RubricReplacement, 'message' | 'rubric'>; rows: ScoreRows }> {
    assertRubricReplaceable(cycle);
    const problems = validateRubric(doc);
    if (problems.length > 0) throw new AppError('VALIDATION', `Bộ chỉ số có ${problems.length} lỗi; chưa lưu gì.`, problems.map((p) => ({ ...(p.nodeCode !== undefined && { field: p.nodeCode }), message: p.message })));
    const old = await r.rubrics.getVersion(cycle.rubricVersionId!);
    const current = { id: old.id, code: old.code, version: old.version };
    const report = diffRubrics(old.document, doc);
    if (sameRubricDocument(old.document, doc)) return { plan: { unchanged: true, current, report, overMax: [], rescaled: [] }, rows: new Map() };
    const names = new Map((await r.cycles.listCycleUnits(cycle.id)).map((u) => [u.unitId, u.name]));
    const { given, rows } = await loadGivenPoints(tx, cycle.id, report.reweighted.map((x) => x.code), (id) => names.get(id) ?? id);
    const check = checkGivenPoints(report, given, { rescale: opts.rescale });
    return { plan: { unchanged: false, current, report, ...check }, rows };
  }
}

export interface ReplaceOptions {
  /** Scale the points of every leaf whose maximum went down proportionally instead of refusing. */
  rescale?: boolean;
}

/** What a replacement did (replace) or would do (previewReplace): the API's shape (packages/contracts, rubric-view.ts). */
export type RubricReplacement = RubricReplacementDto;

const UNCHANGED = 'Bộ chỉ số không thay đổi: không lưu phiên bản mới.';

const overMaxMessage = (n: number) =>
  `Không thay được bộ chỉ số: ${n} điểm đã chấm vượt điểm tối đa mới của tiêu chí bị giảm điểm; chưa lưu gì. ` +
  'Hãy quy đổi các điểm theo tỷ lệ (điểm × tối đa mới ÷ tối đa cũ; dòng lệnh: --rescale) hoặc sửa các điểm này trước.';

/** The rubric as a downloadable file, named after its code and version. */
async function rubricFile(v: RubricVersion, format: RubricFormat): Promise<{ fileName: string; body: Buffer }> {
  const base = `bo-chi-so-${v.code}-v${v.version}`.replace(/[^A-Za-z0-9._-]+/g, '-');
  return format === 'xlsx' ? { fileName: `${base}.xlsx`, body: await exportRubricXlsx(v.document) } : { fileName: `${base}.json`, body: Buffer.from(exportRubricJson(v.document)) };
}

/** The secretariat or the administrator (or the console) uploads rubric versions. */
function mayManage(actor: Actor): void {
  assertActorRole(actor, ['secretariat', 'admin'], 'tải lên bộ chỉ số: chỉ Sở Nội vụ (thường trực) và quản trị viên làm được việc này');
}

/** The secretariat (or the administrator, or the console) replaces a cycle's rubric. */
function mayReplace(actor: Actor): void {
  assertActorRole(actor, ['secretariat', 'admin'], 'thay bộ chỉ số của kỳ đánh giá: chỉ Sở Nội vụ (thường trực) làm được việc này');
}
