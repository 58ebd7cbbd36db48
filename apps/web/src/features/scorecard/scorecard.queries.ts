import type { UnitScorecardDto } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

export function useUnitScorecard(cycleId: string, unitId: string) {
  return useQuery({
    queryKey: ['cycles', cycleId, 'units', unitId],
    queryFn: ({ signal }) =>
      getJson<UnitScorecardDto>(`/api/cycles/${encodeURIComponent(cycleId)}/units/${encodeURIComponent(unitId)}`, { signal }),
  });
}
