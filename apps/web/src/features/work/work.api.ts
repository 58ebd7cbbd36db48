/**
 * The workflow API's shapes (as apps/server/src/services/workflow/* present them) and the
 * react-query hooks of the signed-in pages. Every key starts with 'work' so that signing out drops them.
 */
import type { CycleResultsDto, CycleStatus, LeafInputs, ScoringRule, SheetLeaf, StageState, UnitSheet } from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

// The sheet's shapes, defined once in packages/contracts (assessment-sheet.ts).
export type { EvidenceLink, SheetLeaf, StageState, UnitSheet } from '@parindex/contracts';

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

/** The points a leaf's rule can give (engine: allowedPointsOf), exact decimal strings. */
export type PointsDomain =
  | { kind: 'values'; values: string[] }
  | { kind: 'steps'; step: string; upTo: string; extra: string[] }
  | { kind: 'range'; max: string };

export interface QueueItem {
  unitId: string;
  unitName: string;
  leafCode: string;
  leafTitle: string;
  field: string;
  max: string;
  rule: ScoringRule;
  allowed: PointsDomain;
  inputs: LeafInputs | null;
  selfPoints: string | null;
  selfNote: string | null;
  proposedPoints: string | null;
  proposedReason: string | null;
  response: string | null;
  responseText: string | null;
  revision: number;
}

export interface AppraisalQueue {
  items: QueueItem[];
  progress: { field: string; title: string; total: number; proposed: number }[];
}

export interface CouncilItem {
  /** disputed: the unit explained against a different proposal; unproposed: no proposal when appraisal ended. */
  kind: 'disputed' | 'unproposed';
  unitId: string;
  unitName: string;
  leafCode: string;
  leafTitle: string;
  max: string;
  rule: ScoringRule;
  allowed: PointsDomain;
  inputs: LeafInputs | null;
  selfPoints: string | null;
  selfNote: string | null;
  proposedPoints: string | null;
  proposedReason: string | null;
  responseText: string | null;
  councilPoints: string | null;
  councilReason: string | null;
  revision: number;
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

export interface AuditEntry {
  id: string;
  at: string;
  userName: string | null;
  action: string;
  unitId: string | null;
  subject: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface Publication {
  version: number;
  decisionNumber: string;
  decisionDate: string;
  reason: string | null;
  publishedAt: string;
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
  useQuery({ queryKey: workKeys.publications(cycleId), queryFn: () => getJson<Publication[]>(`/api/cycles/${enc(cycleId)}/publications`), enabled, ...fresh });
export const useLeafHistory = (cycleId: string, unitId: string, leafCode: string | null) =>
  useQuery({
    queryKey: workKeys.history(cycleId, unitId, leafCode ?? ''),
    queryFn: () => getJson<{ leaf: SheetLeaf; entries: AuditEntry[] }>(`${leafApi(cycleId, unitId, leafCode!)}/history`),
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

export interface GateOverride {
  at: string;
  userName: string | null;
  from: string;
  to: string;
  reason: string;
  unmet: { code: string; label: string; count: string | null; units: number }[];
}

export const useChecklist = (cycleId: string, to: string | null) =>
  useQuery({ queryKey: ['work', 'checklist', cycleId, to], queryFn: () => getJson<Checklist>(`${cycleApi(cycleId)}/checklist?to=${enc(to!)}`), enabled: to !== null, ...fresh });
export const useGateOverrides = (cycleId: string, enabled: boolean) =>
  useQuery({ queryKey: ['work', 'overrides', cycleId], queryFn: () => getJson<GateOverride[]>(`${cycleApi(cycleId)}/overrides`), enabled, ...fresh });
