/**
 * Everything a results document needs about one cycle, gathered once: the published results
 * table (as the API serves it; for a published cycle its stored publication version), each unit's points per field / criterion / leaf as the engine
 * stored them, and the rubric's titles. Documents only present these figures; they never compute.
 */
import type { CycleResultsDto, RubricDocument, RubricNode } from '@parindex/contracts';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { repositories } from '../services/repositories.ts';
import { PublicationStore } from '../services/publication/publication-store.ts';
import { ResultsService } from '../services/results.service.ts';
import { provinceFromCycleName } from './document-format.ts';
import { type PublicationRef, publicationRef } from './publication-ref.ts';

/** A node of the rubric in document order: field (depth 1) → criterion (2) → … ; leaves are scored. */
export interface OutlineNode {
  code: string;
  title: string;
  max: string;
  depth: number;
  isLeaf: boolean;
  effect: 'score' | 'bonus' | 'deduction';
  /** Code of the field (depth-1 ancestor) the node belongs to. */
  field: string;
}

export interface RubricOutline {
  code: string;
  version: number;
  name: string;
  /** Legal basis of the rubric ("Quyết định số 1868/QĐ-UBND ngày 15/10/2025 …"). */
  basis?: string;
  nodes: OutlineNode[];
  byCode: Map<string, OutlineNode>;
}

const Points = z.object({ code: z.string(), points: z.string(), max: z.string() });
/** unit_results.components as ResultsService stores it. */
export const UnitComponents = z.object({
  nodes: z.array(Points.extend({ depth: z.number().int() })),
  leaves: z.array(Points.extend({ lost: z.string() })),
});
export type UnitComponents = z.infer<typeof UnitComponents>;

export interface DocumentData {
  results: CycleResultsDto;
  /** Province name for titles, when known (from the caller or the cycle's name). */
  province: string | null;
  /** Null for a cycle imported from a published table (no per-criterion points). */
  rubric: RubricOutline | null;
  /** Per unit id; empty for imported cycles. */
  components: Map<string, UnitComponents>;
  /** The stored publication a published cycle's documents cite; null for a draft (or an imported cycle). */
  publication: PublicationRef | null;
}

/** Flattens the rubric tree in document order, keeping titles and maxima. */
export function outlineRubric(doc: RubricDocument, code: string, version: number): RubricOutline {
  const nodes: OutlineNode[] = [];
  const walk = (n: RubricNode, depth: number, field: string) => {
    const isLeaf = !n.children?.length;
    nodes.push({ code: n.code, title: n.title, max: n.max, depth, isLeaf, effect: n.effect ?? 'score', field });
    for (const c of n.children ?? []) walk(c, depth + 1, field);
  };
  for (const f of doc.fields) walk(f, 1, f.code);
  return { code, version, name: doc.name, basis: doc.basis, nodes, byCode: new Map(nodes.map((n) => [n.code, n])) };
}

export interface LoadOptions {
  /** Only published or closed cycles (the public HTTP routes). */
  publicOnly: boolean;
  province?: string;
}

/**
 * Loads a cycle's results, components and rubric titles; NOT_FOUND for a cycle the caller may not
 * see or that has no results. A published or closed cycle is read from its latest publication
 * version (publication-store.ts): the components and the rubric version as published, never the
 * live rows.
 */
export async function loadDocumentData(db: Db, cycleId: string, opts: LoadOptions): Promise<DocumentData> {
  const results = await new ResultsService(db).getResults(cycleId, { publicOnly: opts.publicOnly });
  const repos = repositories(db);
  const cycle = await repos.cycles.getById(cycleId);
  const published = await new PublicationStore(db).publishedFigures(cycle);
  const rubricVersionId = published ? (published.document.rubric?.versionId ?? null) : cycle.rubricVersionId;
  let rubric: RubricOutline | null = null;
  const components = new Map<string, UnitComponents>();
  if (rubricVersionId) {
    const version = await repos.rubrics.getVersion(rubricVersionId);
    rubric = outlineRubric(version.document, version.code, version.version);
    for (const row of published?.rows ?? (await repos.results.listUnitResults(cycleId))) {
      const parsed = UnitComponents.safeParse(row.components);
      if (parsed.success && (parsed.data.leaves.length || parsed.data.nodes.length)) components.set(row.unitId, parsed.data);
    }
  }
  const publication = await publicationRef(db, cycle);
  return { results, province: opts.province ?? provinceFromCycleName(results.cycle.name), rubric, components, publication };
}
