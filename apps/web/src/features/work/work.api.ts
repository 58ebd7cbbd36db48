/**
 * The workflow API's shapes (as apps/server/src/services/workflow/* present them) and the
 * react-query hooks of the signed-in pages. Every key starts with 'work' so that signing out drops them.
 */
import type {
  AppraisalQueue, CouncilItem, CycleResultsDto, GateChecklist as Checklist, GateOverride, LeafHistoryDto, NotificationDto as Notification,
  PublicationHeaderDto, StatusBoardDto as StatusBoard, UnitDocument, UnitSheet, WorkCycleDto as WorkCycle,
} from '@parindex/contracts';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

// Every shape is defined once in packages/contracts: the sheet (assessment-sheet.ts), the appraisal
// queue, council items, audit log and gate overrides (workflow.ts), publications
// (published-versions.ts), the secretariat's cycles, status board, notifications and checklists
// (workflow-api.ts), a unit's documents and the appraisal queue (assessment-api.ts).
export type { EvidenceLink, SheetLeaf, StageState, UnitSheet } from '@parindex/contracts';
export type { AuditRow as AuditEntry, CouncilItem, GateOverride, PointsDomainDto as PointsDomain, PublicationHeaderDto as Publication, QueueItem } from '@parindex/contracts';
export type { BoardUnitDto as BoardUnit, GateItem } from '@parindex/contracts';
export type { AppraisalQueue, Checklist, Notification, StatusBoard, UnitDocument, WorkCycle };

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
    queryFn: () => getJson<LeafHistoryDto>(`${leafApi(cycleId, unitId, leafCode!)}/history`),
    enabled: leafCode !== null,
    staleTime: 0,
  });
export const useNotifications = (enabled: boolean) =>
  useQuery({ queryKey: workKeys.notifications, queryFn: () => getJson<Notification[]>('/api/notifications'), enabled, staleTime: 30_000, refetchInterval: 60_000 });

// ----- stage gates (cycle-lifecycle.service.ts, cycle-gates.ts) -----

export const useChecklist = (cycleId: string, to: string | null) =>
  useQuery({ queryKey: ['work', 'checklist', cycleId, to], queryFn: () => getJson<Checklist>(`${cycleApi(cycleId)}/checklist?to=${enc(to!)}`), enabled: to !== null, ...fresh });
export const useGateOverrides = (cycleId: string, enabled: boolean) =>
  useQuery({ queryKey: ['work', 'overrides', cycleId], queryFn: () => getJson<GateOverride[]>(`${cycleApi(cycleId)}/overrides`), enabled, ...fresh });
