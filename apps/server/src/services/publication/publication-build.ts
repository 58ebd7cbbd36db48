/**
 * Gathers a publication document from the live rows at the moment of publishing (or of a
 * correction, inside its transaction): the results table as ResultsService presents it, each
 * unit's engine-made components, the stages of its appraised leaves, its survey leaves with their
 * answers and interval, the SIPAS figures, combined groups and notes. Only the writer in
 * publication-store.ts calls this; readers never look at the live rows of a published cycle.
 */
import { PUBLICATION_FORMAT, type PublicationDocument, type PublicationNote, type PublishedUnit } from '@parindex/contracts';
import { type RubricIndex, dec, evaluateLeaf, indexRubric, toExact } from '@parindex/engine';
import type { Db } from '../../db/database.ts';
import { AuditRepository } from '../../repositories/audit.repository.ts';
import { type LeafStageRow, LeafStagesRepository } from '../../repositories/leaf-stages.repository.ts';
import { cycleSipas } from '../dashboard-sipas.ts';
import { repositories } from '../repositories.ts';
import { ResultsService } from '../results.service.ts';

export interface PublicationMeta {
  version: number;
  decisionNumber: string;
  decisionDate: string;
  reason: string | null;
  /** Notes beside the exclusions and reduced scales, e.g. a stage passed with an override and its reason. */
  notes?: PublicationNote[];
}

export type StageRow = LeafStageRow;

/** unit_results.components as ResultsService stores it, defensively (an imported cycle stores none). */
export function storedComponents(c: unknown): PublishedUnit['components'] {
  const x = c as Partial<PublishedUnit['components']> | null;
  return { nodes: Array.isArray(x?.nodes) ? x.nodes : [], leaves: Array.isArray(x?.leaves) ? x.leaves : [] };
}

/**
 * Per appraised leaf: the points the unit's own entries give (the engine evaluates them, else the
 * self-assessed points the workflow stored), and the appraisal's points — the council's decision,
 * else the appraisers' proposal (docs/workflow.md), with the stage it stands at.
 */
export function leafStagesOf(rows: readonly StageRow[], rubric: RubricIndex): PublishedUnit['stages'] {
  const out: PublishedUnit['stages'] = [];
  for (const s of rows) {
    const leaf = rubric.leafByCode.get(s.leafCode);
    if (!leaf || leaf.source !== 'appraised' || leaf.effect !== 'score') continue;
    const ev = evaluateLeaf(leaf, s.inputs, rubric.doc.settings);
    const self = ev.applicable ? toExact(ev.points) : s.selfPoints === null ? null : toExact(dec(s.selfPoints));
    const appraised = s.councilPoints ?? s.proposedPoints;
    const stage = s.councilPoints !== null ? 'council' : s.proposedPoints === null ? null : (s.response ?? 'proposal');
    if (self === null && appraised === null) continue;
    out.push({ leafCode: s.leafCode, self, appraised: appraised === null ? null : toExact(dec(appraised)), stage });
  }
  return out.sort((a, b) => a.leafCode.localeCompare(b.leafCode, undefined, { numeric: true }));
}

/** The workflow columns of the leaf scores of a cycle (or of one unit), as leafStagesOf and surveyOf take them. */
export function liveStageRows(db: Db, cycleId: string, unitId?: string): Promise<StageRow[]> {
  return new LeafStagesRepository(db).listStageRows(cycleId, unitId);
}

/** Survey leaves of a unit: the engine's points (components), and the answers and interval the scoring kept. */
function surveyOf(rows: readonly StageRow[], components: PublishedUnit['components'], rubric: RubricIndex): PublishedUnit['survey'] {
  const byLeaf = new Map(rows.map((r) => [r.leafCode, r]));
  const scored = new Map(components.leaves.map((l) => [l.code, l]));
  const codes = rubric.leaves.filter((l) => l.source === 'survey' && (scored.has(l.code) || byLeaf.get(l.code)?.inputs.survey)).map((l) => l.code);
  return codes.map((code) => {
    const note = byLeaf.get(code)?.inputs.survey;
    const c = scored.get(code);
    return {
      leafCode: code,
      points: c?.points ?? null,
      max: c?.max ?? toExact(rubric.leafByCode.get(code)!.max),
      n: note?.n ?? null,
      ciLow: note?.ciLow ?? null,
      ciHigh: note?.ciHigh ?? null,
      applicable: c !== undefined,
      flagged: note?.flagged ?? false,
    };
  });
}

/**
 * The stage changes made over an unmet checklist (audit action `cycle.override`, written by the
 * cycle lifecycle service), oldest first: a publication tells how it was reached.
 */
async function overrideNotes(db: Db, cycleId: string): Promise<PublicationNote[]> {
  const rows = await new AuditRepository(db).listActionNotes(cycleId, 'cycle.override');
  return rows
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((r) => {
      const after = (r.after ?? {}) as { from?: string; to?: string; unmet?: { label?: string }[] };
      return { kind: 'override' as const, stage: `${after.from ?? ''} → ${after.to ?? ''}`, reason: r.reason ?? '', items: (after.unmet ?? []).map((u) => u.label ?? '') };
    });
}

/** Everything a publication holds, from the cycle's live rows on `db` (a transaction when correcting). */
export async function buildPublicationDocument(db: Db, cycleId: string, meta: PublicationMeta): Promise<PublicationDocument> {
  const repos = repositories(db);
  const results = await new ResultsService(db).getResults(cycleId, { publicOnly: false, live: true });
  const cycle = await repos.cycles.getById(cycleId);
  const version = cycle.rubricVersionId ? await repos.rubrics.getVersion(cycle.rubricVersionId) : undefined;
  const rubric = version ? indexRubric(version.document) : undefined;
  const rows = new Map((await repos.results.listUnitResults(cycleId)).map((r) => [r.unitId, r]));
  const stageRows: StageRow[] = rubric ? await liveStageRows(db, cycleId) : [];
  const byUnit = new Map<string, StageRow[]>();
  for (const s of stageRows) {
    const list = byUnit.get(s.unitId);
    if (list) list.push(s);
    else byUnit.set(s.unitId, [s]);
  }

  const ordered = results.groups.flatMap((g) => g.units);
  const units: PublishedUnit[] = ordered.map((u) => {
    const components = storedComponents(rows.get(u.unitId)?.components);
    const mine = byUnit.get(u.unitId) ?? [];
    return { unitId: u.unitId, components, stages: rubric ? leafStagesOf(mine, rubric) : [], survey: rubric ? surveyOf(mine, components, rubric) : [] };
  });

  const notes: PublicationNote[] = [];
  for (const g of results.groups)
    for (const u of g.units) {
      for (const e of u.exclusions) notes.push({ kind: 'exclusion', unitId: u.unitId, unitName: u.unitName, nodeCode: e.nodeCode, basis: e.basis });
      if (g.fullMax !== undefined && dec(u.max).lessThan(dec(g.fullMax))) notes.push({ kind: 'reducedScale', unitId: u.unitId, unitName: u.unitName, max: u.max, fullMax: g.fullMax });
    }
  notes.push(...(await overrideNotes(db, cycleId)), ...(meta.notes ?? []));

  const combined = await repos.results.listCombinedGroupResults(cycleId);
  return {
    format: PUBLICATION_FORMAT,
    version: meta.version,
    decision: { number: meta.decisionNumber, date: meta.decisionDate },
    reason: meta.reason,
    cycle: { ...results.cycle, status: 'published' },
    groups: results.groups,
    rubric: version ? { versionId: version.id, code: version.code, version: version.version } : null,
    combinedGroups: combined.map((c) => ({ code: c.peerGroup, groups: c.members ?? [], summary: c.summary })),
    units,
    sipas: await cycleSipas(db, cycleId, ordered.map((u) => ({ unitId: u.unitId, unitName: u.unitName, group: u.group }))),
    notes,
  };
}
