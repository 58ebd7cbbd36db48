/**
 * The assessment of one cycle, leaf by leaf: self-assessment with evidence (tự đánh giá), the
 * appraisers' proposals (đề xuất thẩm định), the unit's answer (giải trình), the council's
 * decision (Hội đồng thẩm định). Every change is checked against the leaf's revision (a stale
 * save gets 409 with the current value), written with its audit entry in one transaction, and
 * the points always come from the engine's evaluation of the rule.
 *
 * This class is the one routes, the CLI and other services call. It holds the shared lookups and
 * the race-safe row writes (lockRow / writeRow); each use case lives beside it and is delegated to:
 * the sheet read model (assessment-sheet.ts), self-assessment (assessment-self.ts), appraisal
 * (assessment-appraisal.ts), the explanation (assessment-explanation.ts), the council
 * (council.service.ts).
 */
import { AppError, type AppraisalAcceptItem, type AppraisalAcceptResult, type AppraisalQueue, type CouncilDecisionsResult, type LeafHistoryDto, type LeafInputs, type UnitDocument } from '@parindex/contracts';
import { type IndexedLeaf, type RubricIndex, applicableLeaves, indexRubric } from '@parindex/engine';
import type { SessionUser } from '../../auth/auth.service.ts';
import { UNIT_ROLES } from '../../auth/auth.service.ts';
import type { Db } from '../../db/database.ts';
import type { leafScores } from '../../db/schema.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import { type LeafScoreRow, LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { repositories } from '../repositories.ts';
import { AssessmentAppraisal, type QueueItem } from './assessment-appraisal.ts';
import { AssessmentExplanation } from './assessment-explanation.ts';
import { AssessmentSelf } from './assessment-self.ts';
import { AssessmentSheet, type SheetLeaf, type UnitSheet, outsideYear } from './assessment-sheet.ts';
import { audit } from './audit.ts';
import type { CouncilItem } from './council-items.ts';
import { CouncilService, type ManyDecisionItem } from './council.service.ts';
import { Notifier } from './notifier.ts';
import type { ScoredEntry } from './scored-entry.ts';
import { pastDeadline, type StageState, viDate } from './stage-rules.ts';

export type { CouncilItem };
export type { EvidenceLink, SheetLeaf, UnitSheet } from './assessment-sheet.ts';
export type { QueueItem };

export type { LeafScoreRow };

export type { StageState };

export interface Revisioned {
  revision: number;
}

export class AssessmentService {
  private readonly notifier: Notifier;
  private readonly sheets: AssessmentSheet;
  private readonly self: AssessmentSelf;
  private readonly appraisal: AssessmentAppraisal;
  private readonly explanation: AssessmentExplanation;
  /** Without a notifier, notifications are kept in the app only (no e-mail). */
  constructor(
    private readonly db: Db,
    notifier?: Notifier,
  ) {
    this.notifier = notifier ?? new Notifier(db);
    this.sheets = new AssessmentSheet(db, this);
    this.self = new AssessmentSelf(db, this.notifier, this);
    this.appraisal = new AssessmentAppraisal(db, this.notifier, this);
    this.explanation = new AssessmentExplanation(db, this);
  }

  // ---------- shared lookups (also used by the use-case modules) ----------

  async cycleAndRubric(cycleId: string, db: Db = this.db): Promise<{ cycle: Cycle; rubric: RubricIndex }> {
    const repos = repositories(db);
    const cycle = await repos.cycles.getById(cycleId);
    if (cycle.source !== 'assessed' || !cycle.rubricVersionId) throw new AppError('VALIDATION', 'Kỳ đánh giá này là bảng kết quả đã nhập, không chấm theo tiêu chí.');
    return { cycle, rubric: indexRubric((await repos.rubrics.getVersion(cycle.rubricVersionId)).document) };
  }

  async unitInCycle(cycleId: string, unitId: string, db: Db = this.db) {
    const units = await repositories(db).cycles.listCycleUnits(cycleId);
    const u = units.find((x) => x.unitId === unitId);
    if (!u) throw new AppError('NOT_FOUND', 'Đơn vị không tham gia kỳ đánh giá này.');
    return u;
  }

  async applicable(cycleId: string, unitId: string, rubric: RubricIndex, group: string, db: Db = this.db): Promise<IndexedLeaf[]> {
    const excl = await repositories(db).cycles.listExclusions(cycleId, unitId);
    return applicableLeaves(rubric, group, excl.map((e) => e.nodeCode));
  }

  /** The cycle, rubric, unit and applicable leaf; NOT_FOUND when the leaf does not apply to the unit. */
  async leafFor(cycleId: string, unitId: string, leafCode: string, db: Db = this.db) {
    const { cycle, rubric } = await this.cycleAndRubric(cycleId, db);
    const unit = await this.unitInCycle(cycleId, unitId, db);
    const leaf = (await this.applicable(cycleId, unitId, rubric, unit.peerGroup, db)).find((l) => l.code === leafCode);
    if (!leaf) throw new AppError('NOT_FOUND', `Tiêu chí ${leafCode} không áp dụng cho đơn vị này (hoặc không có trong bộ chỉ số).`);
    return { cycle, rubric, unit, leaf };
  }

  async stageOf(db: Db, cycleId: string, unitId: string, stage: 'self' | 'explanation'): Promise<StageState> {
    const row = await new WorkflowRepository(db).findStage(cycleId, unitId, stage);
    return row ? { status: row.status, note: row.note, changedAt: row.changedAt.toISOString() } : { status: 'draft', note: null, changedAt: null };
  }

  /** Locks the row and checks the revision the client saw; 409 with the current value when it moved. */
  async lockRow(tx: Db, cycleId: string, unitId: string, leafCode: string, expected: number): Promise<LeafScoreRow | undefined> {
    const rows = new LeafStagesRepository(tx);
    let row = await rows.findForUpdate(cycleId, unitId, leafCode);
    if (!row) {
      // No row to lock yet: two first saves of this leaf would both find none and both insert. A
      // lock per (cycle, unit, leaf), held to the end of the transaction, lets them through one by
      // one; reading again (a new snapshot) the second finds the first's row and gets the 409 below.
      await rows.lockFirstRow(cycleId, unitId, leafCode);
      row = await rows.findForUpdate(cycleId, unitId, leafCode);
    }
    const current = row?.revision ?? 0;
    if (current !== expected)
      throw new AppError('CONFLICT', `Tiêu chí ${leafCode} vừa được ${row?.updatedBy ? 'người khác' : 'ai đó'} cập nhật. Dữ liệu hiện tại đã được tải lại; hãy xem và lưu lại nếu cần.`, [], {
        current: row ? presentRow(row) : null,
      });
    return row;
  }

  /** Writes the row (insert or update) with the next revision and who changed it. */
  async writeRow(tx: Db, cycleId: string, unitId: string, leafCode: string, existing: LeafScoreRow | undefined, set: Partial<typeof leafScores.$inferInsert>, actor: SessionUser): Promise<LeafScoreRow> {
    const rows = new LeafStagesRepository(tx);
    if (existing) return rows.updateRow(cycleId, unitId, leafCode, { ...set, revision: existing.revision + 1, updatedAt: new Date(), updatedBy: actor.id });
    // A first row written meanwhile by another transaction (one that did not pass lockRow) is not
    // overwritten and never a primary-key error: this save is stale, 409 with the current value.
    const row = await rows.insertRowIfAbsent({ cycleId, unitId, leafCode, inputs: {}, points: null, ...set, revision: 1, updatedBy: actor.id });
    if (row) return row;
    await this.lockRow(tx, cycleId, unitId, leafCode, 0);
    throw new AppError('CONFLICT', `Tiêu chí ${leafCode} vừa được người khác cập nhật. Hãy tải lại trang rồi lưu lại nếu cần.`);
  }

  async setStage(actor: SessionUser, cycleId: string, unitId: string, stage: 'self' | 'explanation', status: StageState['status'], note: string | null, action: string): Promise<StageState> {
    await this.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const before = await this.stageOf(tx, cycleId, unitId, stage);
      if (before.status === 'submitted' && status === 'submitted') throw new AppError('CONFLICT', 'Đã gửi rồi.');
      await new WorkflowRepository(tx).saveStage({ cycleId, unitId, stage, status, note, changedBy: actor.id });
      await audit(tx, actor, { action, cycleId, unitId, subject: stage, before: { status: before.status }, after: { status }, reason: note });
    });
    return this.stageOf(this.db, cycleId, unitId, stage);
  }

  // ---------- sheet read model (assessment-sheet.ts) ----------

  sheet(cycleId: string, unitId: string): Promise<UnitSheet> {
    return this.sheets.sheet(cycleId, unitId);
  }

  sheetLeaf(cycleId: string, unitId: string, leafCode: string): Promise<SheetLeaf> {
    return this.sheets.sheetLeaf(cycleId, unitId, leafCode);
  }

  /** Every stage's score of one leaf, and the audit entries behind them. */
  leafHistory(cycleId: string, unitId: string, leafCode: string): Promise<LeafHistoryDto> {
    return this.sheets.leafHistory(cycleId, unitId, leafCode);
  }

  /** Documents uploaded by the unit in this cycle. */
  listDocuments(cycleId: string, unitId: string): Promise<UnitDocument[]> {
    return this.sheets.listDocuments(cycleId, unitId);
  }

  // ---------- self-assessment (assessment-self.ts) ----------

  /** Saves a unit's raw inputs and note for a leaf; the engine gives the points. Incomplete inputs are kept as a draft. */
  saveSelf(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { inputs: LeafInputs; note?: string | null; revision: number }): Promise<SheetLeaf> {
    return this.self.saveSelf(actor, cycleId, unitId, leafCode, body);
  }

  /** Re-evaluates the self points after evidence was linked or removed (required evidence changes the score). */
  refreshEvidence(tx: Db, actor: SessionUser, cycleId: string, unitId: string, leafCode: string): Promise<void> {
    return this.self.refreshEvidence(tx, actor, cycleId, unitId, leafCode);
  }

  /** The unit head submits the self-assessment: it is locked until the secretariat returns it. */
  submitSelf(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    return this.self.submitSelf(actor, cycleId, unitId);
  }

  /** The secretariat returns a submitted sheet with its reason; the unit may fix and resubmit it, even after the self deadline. */
  returnSelf(actor: SessionUser, cycleId: string, unitId: string, reason: string): Promise<StageState> {
    return this.self.returnSelf(actor, cycleId, unitId, reason);
  }

  // ---------- appraisal (assessment-appraisal.ts) ----------

  /** Leaves of every unit the appraiser is assigned to (their own unit never), with the unit's inputs and score. */
  appraisalQueue(actor: SessionUser, cycleId: string): Promise<AppraisalQueue> {
    return this.appraisal.appraisalQueue(actor, cycleId);
  }

  /** The appraiser's proposed score; a reason is required when it differs from the unit's own. */
  propose(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason?: string | null; revision: number }): Promise<SheetLeaf> {
    return this.appraisal.propose(actor, cycleId, unitId, leafCode, body);
  }

  /** Accepts the unit's own score as the proposal for many leaves at once; leaves already proposed are skipped. */
  acceptMany(actor: SessionUser, cycleId: string, items: AppraisalAcceptItem[]): Promise<AppraisalAcceptResult> {
    return this.appraisal.acceptMany(actor, cycleId, items);
  }

  // ---------- explanation (giải trình, assessment-explanation.ts) ----------

  respond(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: { response: 'accepted' | 'explained'; text?: string | null; revision: number }): Promise<SheetLeaf> {
    return this.explanation.respond(actor, cycleId, unitId, leafCode, body);
  }

  /** The unit head sends the explanation, once every assigned leaf has a proposal or appraisal is over. */
  submitExplanation(actor: SessionUser, cycleId: string, unitId: string): Promise<StageState> {
    return this.explanation.submitExplanation(actor, cycleId, unitId);
  }

  // ---------- council (council.service.ts) ----------

  /** The council's items: disputed leaves, and assigned leaves left without a proposal once appraisal is over. */
  councilItems(cycleId: string): Promise<CouncilItem[]> {
    return new CouncilService(this.db, this).items(cycleId);
  }

  decide(actor: SessionUser, cycleId: string, unitId: string, leafCode: string, body: ScoredEntry & { reason: string; revision: number }): Promise<CouncilItem> {
    return new CouncilService(this.db, this).decide(actor, cycleId, unitId, leafCode, body);
  }

  decideMany(actor: SessionUser, cycleId: string, body: { items: ManyDecisionItem[]; reason: string }): Promise<CouncilDecisionsResult> {
    return new CouncilService(this.db, this).decideMany(actor, cycleId, body);
  }

  /** The council's minutes as a DOCX, with its file name. */
  councilMinutes(cycleId: string): Promise<{ fileName: string; body: Buffer }> {
    return new CouncilService(this.db, this).minutes(cycleId);
  }

  /** The chair approves the final scores (engine: decidedPointsOf); refused while a council item is undecided. */
  finalize(actor: SessionUser, cycleId: string): Promise<{ leaves: number }> {
    return new CouncilService(this.db, this).finalize(actor, cycleId);
  }

}

function presentRow(r: LeafScoreRow) {
  return {
    revision: r.revision,
    inputs: r.inputs,
    selfPoints: r.selfPoints,
    selfNote: r.selfNote,
    proposedPoints: r.proposedPoints,
    proposedReason: r.proposedReason,
    response: r.response,
    responseText: r.responseText,
    councilPoints: r.councilPoints,
    updatedAt: r.updatedAt.toISOString(),
  };
}

export { outsideYear, pastDeadline, viDate };

export { UNIT_ROLES };
