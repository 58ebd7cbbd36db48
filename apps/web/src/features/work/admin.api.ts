/**
 * Shapes and hooks of the setup, accounts and audit pages (GET /api/units, /api/rubrics, /api/users,
 * /api/work/cycles/:id/setup, /api/work/cycles/:id/audit). Keys start with 'work' so that sign-out drops them.
 */
import type { AccountDto, CycleSetupDto as CycleSetup, RubricVersionDto, UnitRef as RefUnit } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';
import { type AuditEntry, type UnitSheet, cycleApi, unitApi } from './work.api.ts';

/** A unit as GET /api/units lists it, and a cycle's setup (packages/contracts: UnitRef, CycleSetupDto). */
export type { CycleSetupDto as CycleSetup, UnitRef as RefUnit } from '@parindex/contracts';

/** A rubric version as GET /api/rubrics lists it: the listing's fields without createdAt and cycles. */
export type RubricVersionRef = Pick<RubricVersionDto, 'id' | 'code' | 'version' | 'year' | 'name'>;

/** An account as GET /api/users lists it (packages/contracts: AccountDto). */
export type { AccountDto as Account } from '@parindex/contracts';

/** A node of the rubric tree a secretariat can assign or exclude: field, criterion or leaf. */
export interface AssignableNode {
  code: string;
  title: string;
  kind: 'field' | 'criterion' | 'leaf';
}

export const adminKeys = {
  units: ['work', 'ref-units'] as const,
  rubrics: ['work', 'rubrics'] as const,
  users: ['work', 'users'] as const,
  setup: (cycleId: string) => ['work', 'setup', cycleId] as const,
  nodes: (cycleId: string, unitId: string) => ['work', 'nodes', cycleId, unitId] as const,
  audit: (cycleId: string, unitId: string, subject: string) => ['work', 'audit', cycleId, unitId, subject] as const,
};

export const useRefUnits = () => useQuery({ queryKey: adminKeys.units, queryFn: () => getJson<RefUnit[]>('/api/units'), staleTime: 5 * 60_000 });
export const useRubrics = () => useQuery({ queryKey: adminKeys.rubrics, queryFn: () => getJson<RubricVersionRef[]>('/api/rubrics'), staleTime: 5 * 60_000 });
export const useAccounts = (enabled = true) => useQuery({ queryKey: adminKeys.users, queryFn: () => getJson<AccountDto[]>('/api/users'), enabled, staleTime: 0 });
export const useCycleSetup = (cycleId: string | null) =>
  useQuery({ queryKey: adminKeys.setup(cycleId ?? ''), queryFn: () => getJson<CycleSetup>(`${cycleApi(cycleId!)}/setup`), enabled: cycleId !== null, staleTime: 0 });
export const useAudit = (cycleId: string, unitId: string, subject: string) =>
  useQuery({
    queryKey: adminKeys.audit(cycleId, unitId, subject),
    queryFn: () => {
      const q = new URLSearchParams();
      if (unitId) q.set('unitId', unitId);
      if (subject) q.set('subject', subject);
      const qs = q.toString();
      return getJson<AuditEntry[]>(`${cycleApi(cycleId)}/audit${qs ? `?${qs}` : ''}`);
    },
    staleTime: 0,
    refetchOnWindowFocus: true,
  });

/**
 * The rubric's fields, criteria and leaves, read from one unit's sheet (each leaf carries its path):
 * no route lists the rubric tree itself. The unit with the fewest exclusions is used so that few leaves are missing.
 */
export function useRubricNodes(cycleId: string, setup: CycleSetup | undefined) {
  const unitId = (() => {
    if (!setup || setup.units.length === 0) return '';
    const excluded = new Map<string, number>();
    for (const e of setup.exclusions) excluded.set(e.unitId, (excluded.get(e.unitId) ?? 0) + 1);
    return [...setup.units].sort((a, b) => (excluded.get(a.unitId) ?? 0) - (excluded.get(b.unitId) ?? 0))[0].unitId;
  })();
  return useQuery({
    queryKey: adminKeys.nodes(cycleId, unitId),
    enabled: unitId !== '',
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const sheet = await getJson<UnitSheet>(`${unitApi(cycleId, unitId)}/sheet`);
      const nodes = new Map<string, AssignableNode>();
      for (const f of setup?.fields ?? []) nodes.set(f.code, { code: f.code, title: f.title, kind: 'field' });
      for (const leaf of sheet.leaves) {
        leaf.path.forEach((p, i) => {
          if (!nodes.has(p.code)) nodes.set(p.code, { code: p.code, title: p.title, kind: i === 0 ? 'field' : 'criterion' });
        });
        if (!nodes.has(leaf.code)) nodes.set(leaf.code, { code: leaf.code, title: leaf.title, kind: 'leaf' });
      }
      return [...nodes.values()].sort((a, b) => a.code.localeCompare(b.code, undefined, { numeric: true }));
    },
  });
}
