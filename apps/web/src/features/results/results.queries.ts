import type { CycleDto, CycleResultsDto } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

export function useCycles() {
  return useQuery({
    queryKey: ['cycles'],
    queryFn: ({ signal }) => getJson<CycleDto[]>('/api/cycles', { signal }),
  });
}

export function useCycleResults(cycleId: string | null) {
  return useQuery({
    queryKey: ['cycles', cycleId, 'results'],
    queryFn: ({ signal }) => getJson<CycleResultsDto>(`/api/cycles/${encodeURIComponent(cycleId ?? '')}/results`, { signal }),
    enabled: cycleId !== null,
  });
}

/** Statuses whose results are public. */
const PUBLIC_STATUSES: ReadonlySet<CycleDto['status']> = new Set(['published', 'closed']);

/** The cycle shown at `/`: the newest published one (the list comes newest first), else the newest. */
export function defaultCycle(cycles: CycleDto[]): CycleDto | null {
  return cycles.find((c) => PUBLIC_STATUSES.has(c.status)) ?? cycles[0] ?? null;
}

export function isPublic(cycle: CycleDto): boolean {
  return PUBLIC_STATUSES.has(cycle.status);
}
