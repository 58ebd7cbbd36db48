import type { DashboardDto } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

export function useDashboard(cycleId: string | null) {
  return useQuery({
    queryKey: ['cycles', cycleId, 'dashboard'],
    queryFn: ({ signal }) => getJson<DashboardDto>(`/api/cycles/${encodeURIComponent(cycleId ?? '')}/dashboard`, { signal }),
    enabled: cycleId !== null,
  });
}
