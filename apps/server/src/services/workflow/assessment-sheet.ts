/**
 * The read model of one unit's assessment sheet (AssessmentService.sheet): every applicable leaf
 * with its stages' scores, the evidence linked to it and the unit's progress, plus the unit's
 * documents and one leaf's history. Shared lookups come from AssessmentService.
 */
import { AppError, type EvidenceLink, type SheetLeaf, type UnitDocument, type UnitSheet } from '@parindex/contracts';
import { type RubricIndex, checkLeafInputs, finalPointsOf, selfProgress, toExact } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import { EvidenceRepository } from '../../repositories/evidence.repository.ts';
import { LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { WorkflowRepository } from '../../repositories/workflow.repository.ts';
import { unproposedAssigned } from './appraisal-coverage.ts';
import type { AssessmentService } from './assessment.service.ts';
import { explanationLocked, explanationSendLocked, selfLocked } from './stage-rules.ts';

/** Stages after the chair's approval: the leaves' final points are set. */
const APPROVED_STATUSES = new Set(['approved', 'published', 'closed']);

// The presented shapes are defined once, in packages/contracts (assessment-sheet.ts), for the web app too.
export type { EvidenceLink, SheetLeaf, UnitSheet };

export class AssessmentSheet {
  constructor(
    private readonly db: Db,
    private readonly a: AssessmentService,
  ) {}

  async sheet(cycleId: string, unitId: string): Promise<UnitSheet> {
    const { cycle, rubric } = await this.a.cycleAndRubric(cycleId);
    const unit = await this.a.unitInCycle(cycleId, unitId);
    const leaves = await this.a.applicable(cycleId, unitId, rubric, unit.peerGroup);
    const rows = new Map((await new LeafStagesRepository(this.db).listRows(cycleId, unitId)).map((r) => [r.leafCode, r]));
    const names = await new WorkflowRepository(this.db).listUserNames();
    const evidence = await this.evidenceOf(cycleId, unitId, cycle.year);
    const self = await this.a.stageOf(this.db, cycleId, unitId, 'self');
    const explanation = await this.a.stageOf(this.db, cycleId, unitId, 'explanation');
    const out: SheetLeaf[] = leaves.map((leaf) => {
      const r = rows.get(leaf.code);
      const problems = r && leaf.source === 'appraised' ? checkLeafInputs(leaf, r.inputs).map((p) => p.message) : [];
      return {
        code: leaf.code,
        title: leaf.title,
        path: leaf.ancestors.map((c) => ({ code: c, title: rubric.nodes.get(c)?.title ?? c })),
        max: toExact(leaf.max),
        source: leaf.source,
        effect: leaf.effect,
        rule: leaf.rule,
        evidenceExpected: findNode(rubric, leaf.code)?.evidence ?? null,
        evidenceRequired: leaf.evidenceRequired,
        revision: r?.revision ?? 0,
        inputs: r?.inputs ?? null,
        selfPoints: r?.selfPoints ?? null,
        selfNote: r?.selfNote ?? null,
        proposedPoints: r?.proposedPoints ?? null,
        proposedReason: r?.proposedReason ?? null,
        proposedBy: r?.proposedBy ? (names.get(r.proposedBy) ?? null) : null,
        response: r?.response ?? null,
        responseText: r?.responseText ?? null,
        councilPoints: r?.councilPoints ?? null,
        councilReason: r?.councilReason ?? null,
        // A survey leaf's points come from survey scoring, final as soon as they are scored; other leaves are final at approval.
        finalPoints: r && (APPROVED_STATUSES.has(cycle.status) || leaf.source === 'survey') ? finalPointsOf({ self: r.selfPoints, proposed: r.proposedPoints, council: r.councilPoints, final: r.points }) : null,
        evidence: evidence.get(leaf.code) ?? [],
        problems,
      };
    });
    const appraisedLeaves = out.filter((l) => l.source === 'appraised');
    const { done, claimed, max } = selfProgress(leaves.map((leaf) => ({ effect: leaf.effect, max: leaf.max, selfPoints: rows.get(leaf.code)?.selfPoints ?? null })));
    const explanationEditable = explanationLocked(cycle, explanation) === null;
    let explanationBlockedBy: UnitSheet['explanationBlockedBy'] = null;
    if (explanationEditable) {
      // The same check as submitExplanation, so the page never offers a send the server refuses.
      const unproposed = (await unproposedAssigned(this.db, cycleId, rubric, unitId)).map((u) => u.leaf.code);
      const message = explanationSendLocked(cycle, unit.name, unproposed);
      if (message) explanationBlockedBy = { message, unproposed };
    }
    return {
      cycle: { id: cycle.id, year: cycle.year, name: cycle.name, status: cycle.status, deadlines: { ...cycle.deadlines } },
      unit: { id: unit.unitId, code: unit.code, name: unit.name, peerGroup: unit.peerGroup },
      stages: { self, explanation },
      // The same rules the saves apply, so the page is editable exactly when a save would pass.
      editable: { self: selfLocked(cycle, self) === null, explanation: explanationEditable },
      explanationBlockedBy,
      progress: { leaves: appraisedLeaves.length, done, claimed: toExact(claimed), max: toExact(max) },
      leaves: out,
    };
  }

  private async evidenceOf(cycleId: string, unitId: string, year: number): Promise<Map<string, EvidenceLink[]>> {
    const rows = await new EvidenceRepository(this.db).listLinkedDocuments(cycleId, unitId);
    const out = new Map<string, EvidenceLink[]>();
    for (const r of rows) {
      const list = out.get(r.leafCode) ?? [];
      list.push({
        documentId: r.d.id,
        fileName: r.d.fileName,
        numberSymbol: r.d.numberSymbol,
        issuedDate: r.d.issuedDate,
        issuer: r.d.issuer,
        page: r.page,
        outsideYear: outsideYear(r.d.issuedDate, year),
      });
      out.set(r.leafCode, list);
    }
    return out;
  }

  /** One leaf of the unit's sheet; a leaf the unit is not assessed on is not found. */
  async sheetLeaf(cycleId: string, unitId: string, leafCode: string): Promise<SheetLeaf> {
    const s = await this.sheet(cycleId, unitId);
    const leaf = s.leaves.find((l) => l.code === leafCode);
    if (!leaf) throw new AppError('NOT_FOUND', `Không có tiêu chí "${leafCode}" trong phiếu tự đánh giá của đơn vị.`);
    return leaf;
  }

  /** Every stage's score of one leaf, and the audit entries behind them. */
  async leafHistory(cycleId: string, unitId: string, leafCode: string) {
    const leaf = await this.sheetLeaf(cycleId, unitId, leafCode);
    const { listAudit } = await import('./audit.ts');
    return { leaf, entries: await listAudit(this.db, { cycleId, unitId, subject: leafCode }) };
  }

  /** Documents uploaded by the unit in this cycle. */
  async listDocuments(cycleId: string, unitId: string): Promise<UnitDocument[]> {
    const { cycle } = await this.a.cycleAndRubric(cycleId);
    const evidence = new EvidenceRepository(this.db);
    const docs = await evidence.listDocuments(cycleId, unitId);
    const links = await evidence.listLinks(cycleId, unitId, docs.map((d) => d.id));
    return docs.map((d) => ({
      id: d.id,
      fileName: d.fileName,
      mime: d.mime,
      size: d.size,
      numberSymbol: d.numberSymbol,
      issuedDate: d.issuedDate,
      issuer: d.issuer,
      signer: d.signer,
      outsideYear: outsideYear(d.issuedDate, cycle.year),
      leaves: links.filter((l) => l.documentId === d.id).map((l) => ({ leafCode: l.leafCode, page: l.page })),
      createdAt: d.createdAt.toISOString(),
    }));
  }
}

function findNode(rubric: RubricIndex, code: string) {
  const walk = (nodes: RubricIndex['doc']['fields']): RubricIndex['doc']['fields'][number] | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const f = n.children ? walk(n.children) : undefined;
      if (f) return f;
    }
    return undefined;
  };
  return walk(rubric.doc.fields);
}

export function outsideYear(date: string | null, year: number): boolean {
  return !!date && Number(date.slice(0, 4)) !== year;
}
