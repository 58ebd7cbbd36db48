/**
 * The workflow API's shapes (as apps/server/src/services/workflow/* present them) and the
 * react-query hooks of the signed-in pages. Every key starts with 'work' so that signing out drops them.
 */
import type { AuditRow, CouncilItem, CycleResultsDto, CycleStatus, GateOverride, PublicationHeaderDto, QueueItem, SheetLeaf, StageState, UnitSheet } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

// The sheet's shapes, defined once in packages/contracts (assessment-sheet.ts).
export type { EvidenceLink, SheetLeaf, StageState, UnitSheet } from '@parindex/contracts';
// The appraisal queue, the council's items, the audit log, the publications and the gate overrides (workflow.ts, published-versions.ts).
export type { AuditRow as AuditEntry, CouncilItem, GateOverride, PointsDomainDto as PointsDomain, PublicationHeaderDto as Publication, QueueItem } from '@parindex/contracts';

export interface WorkCycle {
  id: string;
  year: number;
  name: string;
  status: CycleStatus;
  source: 'assessed' | 'imported';
  deadlines: Partial<Record<'self' | 'appraisal' | 'explanation' | 'council', string>>;
  next: { to: 'open' | 'appraisal' | 'council' | 'closed'; label: string }[];
}

export interface UnitDocument {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  numberSymbol: string | null;
  issuedDate: string | null;
  issuer: string | null;
  signer: string | null;
  outsideYear: boolean;
  leaves: { leafCode: string; page: string | null }[];
  createdAt: string;
}

export interface AppraisalQueue {
  items: QueueItem[];
  progress: { field: string; title: string; total: number; proposed: number }[];
}

export interface BoardUnit {
  unitId: string;
  unitCode: string;
  unitName: string;
  peerGroup: string;
  leaves: number;
  selfDone: number;
  selfStatus: StageState['status'];
  selfNote: string | null;
  proposed: number;
  responded: number;
  disputed: number;
  decided: number;
  explanationStatus: StageState['status'];
  lastChange: string | null;
  overdue: { self: boolean; explanation: boolean };
}

export interface StatusBoard {
  cycle: WorkCycle;
  units: BoardUnit[];
}

export interface Notification {
  id: string;
  message: string;
  link: string | null;
  createdAt: string;
  read: boolean;
}

const enc = encodeURIComponent;
export const cycleApi = (cycleId: string) => `/api/work/cycles/${enc(cycleId)}`;
export const unitApi = (cycleId: string, unitId: string) => `${cycleApi(cycleId)}/units/${enc(unitId)}`;
export const leafApi = (cycleId: string, unitId: string, leafCode: string) => `${unitApi(cycleId, unitId)}/leaves/${enc(leafCode)}`;
export const documentUrl = (documentId: string) => `/api/work/documents/${enc(documentId)}/file`;

export const workKeys = {
  cycles: ['work', 'cycles'] as const,
  sheet: (cycleId: string, unitId: string) => ['work', 'sheet', cycleId, unitId] as const,
  documents: (cycleId: string, unitId: string) => ['work', 'documents', cycleId, unitId] as const,
  appraisal: (cycleId: string) => ['work', 'appraisal', cycleId] as const,
  council: (cycleId: string) => ['work', 'council', cycleId] as const,
  board: (cycleId: string) => ['work', 'board', cycleId] as const,
  results: (cycleId: string) => ['work', 'results', cycleId] as const,
  publications: (cycleId: string) => ['work', 'publications', cycleId] as const,
  history: (cycleId: string, unitId: string, leafCode: string) => ['work', 'history', cycleId, unitId, leafCode] as const,
  notifications: ['work', 'notifications'] as const,
};

// Work data changes under the user's eyes (other officials): keep it fresh.
const fresh = { staleTime: 0, refetchOnWindowFocus: true } as const;

export const useWorkCycles = () => useQuery({ queryKey: workKeys.cycles, queryFn: () => getJson<WorkCycle[]>('/api/work/cycles'), ...fresh });
export const useSheet = (cycleId: string, unitId: string) =>
  useQuery({ queryKey: workKeys.sheet(cycleId, unitId), queryFn: () => getJson<UnitSheet>(`${unitApi(cycleId, unitId)}/sheet`), staleTime: 0, refetchOnWindowFocus: false });
export const useDocuments = (cycleId: string, unitId: string) =>
  useQuery({ queryKey: workKeys.documents(cycleId, unitId), queryFn: () => getJson<UnitDocument[]>(`${unitApi(cycleId, unitId)}/documents`), ...fresh });
export const useAppraisal = (cycleId: string) => useQuery({ queryKey: workKeys.appraisal(cycleId), queryFn: () => getJson<AppraisalQueue>(`${cycleApi(cycleId)}/appraisal`), staleTime: 0 });
export const useCouncil = (cycleId: string) => useQuery({ queryKey: workKeys.council(cycleId), queryFn: () => getJson<CouncilItem[]>(`${cycleApi(cycleId)}/council`), ...fresh });
export const useBoard = (cycleId: string) => useQuery({ queryKey: workKeys.board(cycleId), queryFn: () => getJson<StatusBoard>(`${cycleApi(cycleId)}/status-board`), ...fresh });
export const useWorkResults = (cycleId: string, enabled: boolean) =>
  useQuery({ queryKey: workKeys.results(cycleId), queryFn: () => getJson<CycleResultsDto>(`${cycleApi(cycleId)}/results`), enabled, ...fresh });
export const usePublications = (cycleId: string, enabled: boolean) =>
  useQuery({ queryKey: workKeys.publications(cycleId), queryFn: () => getJson<PublicationHeaderDto[]>(`/api/cycles/${enc(cycleId)}/publications`), enabled, ...fresh });
export const useLeafHistory = (cycleId: string, unitId: string, leafCode: string | null) =>
  useQuery({
    queryKey: workKeys.history(cycleId, unitId, leafCode ?? ''),
    queryFn: () => getJson<{ leaf: SheetLeaf; entries: AuditRow[] }>(`${leafApi(cycleId, unitId, leafCode!)}/history`),
    enabled: leafCode !== null,
    staleTime: 0,
  });
export const useNotifications = (enabled: boolean) =>
  useQuery({ queryKey: workKeys.notifications, queryFn: () => getJson<Notification[]>('/api/notifications'), enabled, staleTime: 30_000, refetchInterval: 60_000 });

// ----- stage gates (cycle-lifecycle.service.ts, cycle-gates.ts) -----

export interface GateItem {
  code: string;
  label: string;
  ok: boolean;
  count: string | null;
  units: { id: string; name: string }[];
  overridable: boolean;
}

export interface Checklist {
  from: string;
  to: string;
  ok: boolean;
  overridable: boolean;
  items: GateItem[];
}

export const useChecklist = (cycleId: string, to: string | null) =>
  useQuery({ queryKey: ['work', 'checklist', cycleId, to], queryFn: () => getJson<Checklist>(`${cycleApi(cycleId)}/checklist?to=${enc(to!)}`), enabled: to !== null, ...fresh });
export const useGateOverrides = (cycleId: string, enabled: boolean) =>
  useQuery({ queryKey: ['work', 'overrides', cycleId], queryFn: () => getJson<GateOverride[]>(`${cycleApi(cycleId)}/overrides`), enabled, ...fresh });
