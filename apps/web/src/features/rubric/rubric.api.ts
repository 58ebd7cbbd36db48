/**
 * The rubric API's shapes (as apps/server/src/services/rubric-tree.ts, rubric-compare.ts and
 * rubric.service.ts present them) and their queries: the secretariat's versions, trees and
 * comparisons (keys under 'work', dropped on sign-out), and the rubric of a published year.
 */
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

export interface RubricVersion {
  id: string;
  code: string;
  version: number;
  year: number;
  name: string;
  createdAt: string;
  cycles: { id: string; year: number; name: string; status: string }[];
}

export interface RubricLeaf {
  source: 'appraised' | 'survey';
  effect: 'score' | 'bonus' | 'deduction';
  ruleType: string;
  howScored: string;
  notation: string;
  notes: string[];
  evidence: string | null;
  evidenceRequired: boolean;
}

export interface RubricTreeNode {
  code: string;
  title: string;
  max: string;
  depth: number;
  groups: string[] | null;
  conditions: string[];
  children: RubricTreeNode[];
  leaf: RubricLeaf | null;
}

export interface RubricTree {
  id: string;
  code: string;
  version: number;
  year: number;
  name: string;
  basis: string | null;
  unitKinds: string[];
  createdAt: string;
  peerGroups: { code: string; name: string; max: string }[];
  bands: { label: string; min: string }[];
  ties: string;
  bonusCap: string | null;
  deductionCap: string | null;
  leaves: number;
  fields: RubricTreeNode[];
}

export interface RubricComparison {
  from: RubricVersion;
  to: RubricVersion;
  same: boolean;
  added: { code: string; title: string; max: string }[];
  removed: { code: string; title: string; max: string }[];
  reweighted: { code: string; title: string; oldMax: string; newMax: string }[];
  ruleChanged: { code: string; title: string; before: string; after: string }[];
  textChanged: { code: string; what: 'title' | 'evidence' | 'conditions'; before: string; after: string }[];
  settingsChanged: { what: string; before: string; after: string }[];
  kept: number;
}

/** One error of an uploaded file, as the server lists it in `error.details.errors`. */
export interface RubricFileError {
  sheet: string | null;
  row: number | null;
  column: string | null;
  message: string;
}

export interface UploadResult {
  stored: boolean;
  message: string;
  version: RubricVersion;
}

/** What replacing a cycle's rubric did or would do (RubricService.previewReplace / replace). */
export interface RubricReplacement {
  unchanged: boolean;
  message: string;
  current: { id: string; code: string; version: number };
  rubric: { id: string | null; code: string; version: number };
  report: {
    added: { code: string; title: string; max: string }[];
    removed: { code: string; title: string; max: string }[];
    reweighted: { code: string; title: string; oldMax: string; newMax: string }[];
    ruleChanged: { code: string; title: string }[];
    kept: string[];
  };
  overMax: { unitName: string; leafCode: string; field: string; points: string; newMax: string; message: string }[];
  rescaled: { unitName: string; leafCode: string; field: string; before: string; after: string; oldMax: string; newMax: string }[];
}

export const rubricKeys = {
  versions: ['work', 'rubrics'] as const,
  tree: (id: string) => ['work', 'rubrics', 'tree', id] as const,
  compare: (from: string, to: string) => ['work', 'rubrics', 'compare', from, to] as const,
  published: (cycleId: string) => ['rubric', cycleId] as const,
};

const enc = encodeURIComponent;

export function useRubricVersions() {
  return useQuery({ queryKey: rubricKeys.versions, queryFn: ({ signal }) => getJson<RubricVersion[]>('/api/work/rubrics', { signal }), staleTime: 0 });
}

export function useRubricTree(id: string | null) {
  return useQuery({ queryKey: rubricKeys.tree(id ?? ''), enabled: !!id, queryFn: ({ signal }) => getJson<RubricTree>(`/api/work/rubrics/${enc(id!)}`, { signal }) });
}

export function useRubricComparison(from: string | null, to: string | null) {
  return useQuery({
    queryKey: rubricKeys.compare(from ?? '', to ?? ''),
    enabled: !!from && !!to,
    queryFn: ({ signal }) => getJson<RubricComparison>(`/api/work/rubrics/compare?from=${enc(from!)}&to=${enc(to!)}`, { signal }),
  });
}

/** The rubric a published year was scored on (404 while the year is not published). */
export function usePublishedRubric(cycleId: string) {
  return useQuery({
    queryKey: rubricKeys.published(cycleId),
    queryFn: ({ signal }) => getJson<{ cycle: { id: string; year: number; name: string }; rubric: RubricTree }>(`/api/cycles/${enc(cycleId)}/rubric`, { signal }),
  });
}

export const versionExportHref = (id: string, format: 'xlsx' | 'json' = 'xlsx') => `/api/work/rubrics/${enc(id)}/export?format=${format}`;

/** Every leaf under the nodes, in document order. */
export function leavesOf(nodes: RubricTreeNode[]): RubricTreeNode[] {
  return nodes.flatMap((n) => (n.leaf ? [n] : leavesOf(n.children)));
}
