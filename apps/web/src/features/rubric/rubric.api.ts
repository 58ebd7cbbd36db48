/**
 * The rubric API's queries (every shape comes from @parindex/contracts): the secretariat's versions, trees and
 * comparisons (keys under 'work', dropped on sign-out), and the rubric of a published year.
 */
import type { PublishedRubricDto, RubricComparisonDto, RubricTreeDto, RubricTreeNodeDto, RubricVersionDto } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

// The shapes the server presents, from the one definition in packages/contracts (rubric-view.ts).
export type {
  RubricComparisonDto as RubricComparison,
  RubricFileError,
  RubricLeafDto as RubricLeaf,
  RubricReplacementDto as RubricReplacement,
  RubricTreeDto as RubricTree,
  RubricTreeNodeDto as RubricTreeNode,
  RubricVersionDto as RubricVersion,
  RubricUploadResult as UploadResult,
} from '@parindex/contracts';

export const rubricKeys = {
  versions: ['work', 'rubrics'] as const,
  tree: (id: string) => ['work', 'rubrics', 'tree', id] as const,
  compare: (from: string, to: string) => ['work', 'rubrics', 'compare', from, to] as const,
  published: (cycleId: string) => ['rubric', cycleId] as const,
};

const enc = encodeURIComponent;

export function useRubricVersions() {
  return useQuery({ queryKey: rubricKeys.versions, queryFn: ({ signal }) => getJson<RubricVersionDto[]>('/api/work/rubrics', { signal }), staleTime: 0 });
}

export function useRubricTree(id: string | null) {
  return useQuery({ queryKey: rubricKeys.tree(id ?? ''), enabled: !!id, queryFn: ({ signal }) => getJson<RubricTreeDto>(`/api/work/rubrics/${enc(id!)}`, { signal }) });
}

export function useRubricComparison(from: string | null, to: string | null) {
  return useQuery({
    queryKey: rubricKeys.compare(from ?? '', to ?? ''),
    enabled: !!from && !!to,
    queryFn: ({ signal }) => getJson<RubricComparisonDto>(`/api/work/rubrics/compare?from=${enc(from!)}&to=${enc(to!)}`, { signal }),
  });
}

/** The rubric a published year was scored on (404 while the year is not published). */
export function usePublishedRubric(cycleId: string) {
  return useQuery({
    queryKey: rubricKeys.published(cycleId),
    queryFn: ({ signal }) => getJson<PublishedRubricDto>(`/api/cycles/${enc(cycleId)}/rubric`, { signal }),
  });
}

export const versionExportHref = (id: string, format: 'xlsx' | 'json' = 'xlsx') => `/api/work/rubrics/${enc(id)}/export?format=${format}`;

/** Every leaf under the nodes, in document order. */
export function leavesOf(nodes: RubricTreeNodeDto[]): RubricTreeNodeDto[] {
  return nodes.flatMap((n) => (n.leaf ? [n] : leavesOf(n.children)));
}
