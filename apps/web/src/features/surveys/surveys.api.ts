/**
 * The staff survey API (apps/server/src/http/routes/survey.routes.ts) as the pages use it. Keys
 * start with 'work' so that signing out drops them.
 */
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

/** When a questionnaire or a desk takes responses (server: services/surveys/survey-windows.ts). */
export interface SurveyWindow {
  state: 'open' | 'closed' | 'not_yet' | 'ended';
  opensOn: string | null;
  closesOn: string | null;
  closedAt: string | null;
}

/** What a close / open / dates call changed. */
export interface WindowChange extends SurveyWindow {
  kind: 'questionnaire' | 'desk';
  code: string;
  name: string;
  questionnaireState?: SurveyWindow['state'];
}

export interface QuestionnaireRow {
  id: string;
  code: string;
  kind: 'par' | 'sipas';
  title: string;
  year: number;
  open: boolean;
  window: SurveyWindow;
  identified: boolean;
  responses: number;
  excluded: number;
}

export interface QuestionnaireDoc {
  code: string;
  title: string;
  kind: 'par' | 'sipas';
  respondentGroups: { code: string; name: string }[];
  questions: { code: string; text: string }[];
}

export interface ProgressRow {
  unitId: string;
  unitName: string;
  respondentGroup: string;
  transactions: number | null;
  margin: string | null;
  target: number;
  responses: number;
  ratePercent: string;
}

export interface CycleUnit {
  unitId: string;
  code: string;
  name: string;
  peerGroup: string;
}

export interface Desk {
  code: string;
  name: string;
  unitId: string;
  unitName: string;
  respondentGroup: string;
  requireDossier: number;
  active: number;
  window: SurveyWindow;
}

export interface LinkOut {
  label: string | null;
  url: string;
  qrSvg: string;
}

export interface ImportJobState {
  status: 'running' | 'done' | 'failed';
  rows: number;
  totalRows: number | null;
  result?: ImportReport;
  error?: string;
}

export interface ImportReport {
  rows: number;
  stored: number;
  duplicates: number;
  rejected: { row: number; reason: string; field?: string }[];
}

export interface QualityFlag {
  responseId: string;
  kind: 'duplicate_id' | 'duplicate_answers' | 'straight_lining' | 'too_fast';
  message: string;
  excludedReason: string | null;
}

export interface ScoreLeaf {
  unitCode: string;
  leafCode: string;
  n: number;
  points: string;
  max: string;
  applicable: boolean;
  flagged: boolean;
  reason: string | null;
  ciLow: string | null;
  ciHigh: string | null;
}

export interface ScoreResult {
  responses: number;
  leaves: ScoreLeaf[];
  units: { unitCode: string; points: string; max: string; flaggedLeaves: string[]; ciLow: string | null; ciHigh: string | null }[];
}

export interface SipasFactor {
  code: string;
  name: string;
  n: number;
  satisfied: number;
  percent?: string;
}

export interface SipasUnit {
  unitCode?: string;
  unitName: string | null;
  responses: number;
  factors: SipasFactor[];
  overall?: string;
}

export interface SipasReport {
  units: SipasUnit[];
  province: SipasUnit;
  meanOfUnits?: string;
}

export interface WorkCycleLite {
  id: string;
  year: number;
  name: string;
  status: string;
}

const base = (qid: string) => `/api/work/surveys/${encodeURIComponent(qid)}`;
export const surveyUrls = {
  list: (cycleId: string) => `/api/work/cycles/${encodeURIComponent(cycleId)}/surveys`,
  importQuestionnaire: (cycleId: string) => `/api/work/cycles/${encodeURIComponent(cycleId)}/surveys/import`,
  score: (cycleId: string) => `/api/work/cycles/${encodeURIComponent(cycleId)}/surveys/score`,
  scoreJobs: (cycleId: string) => `/api/work/cycles/${encodeURIComponent(cycleId)}/surveys/score-jobs`,
  doc: base,
  xlsx: (qid: string) => `${base(qid)}/xlsx`,
  template: (qid: string) => `${base(qid)}/template.xlsx`,
  targets: (qid: string) => `${base(qid)}/targets`,
  progress: (qid: string) => `${base(qid)}/progress`,
  tokens: (qid: string) => `${base(qid)}/tokens`,
  tokensFromList: (qid: string) => `${base(qid)}/tokens/from-list`,
  desks: (qid: string) => `${base(qid)}/desks`,
  importResponses: (qid: string) => `${base(qid)}/responses/import`,
  importJobs: (qid: string) => `${base(qid)}/responses/import-jobs`,
  paper: (qid: string) => `${base(qid)}/paper`,
  importJob: (jobId: string) => `/api/work/survey-import-jobs/${jobId}`,
  quality: (qid: string) => `${base(qid)}/quality`,
  sipas: (qid: string) => `${base(qid)}/sipas`,
  csv: (qid: string) => `${base(qid)}/responses.csv`,
  window: (qid: string) => ({ close: `${base(qid)}/close`, open: `${base(qid)}/open`, dates: `${base(qid)}/dates` }),
  deskWindow: (code: string) => {
    const d = `/api/work/survey-desks/${encodeURIComponent(code)}`;
    return { close: `${d}/close`, open: `${d}/open`, dates: `${d}/dates` };
  },
  exclusion: (responseId: string) => `/api/work/survey-responses/${encodeURIComponent(responseId)}/exclusion`,
};

export const surveyKeys = {
  list: (cycleId: string) => ['work', 'surveys', cycleId] as const,
  of: (qid: string, what: string) => ['work', 'survey', qid, what] as const,
};

export function useQuestionnaires(cycleId: string, enabled: boolean) {
  return useQuery({ queryKey: surveyKeys.list(cycleId), queryFn: () => getJson<QuestionnaireRow[]>(surveyUrls.list(cycleId)), enabled, staleTime: 10_000 });
}

export function useSurveyQuery<T>(qid: string, what: 'doc' | 'progress' | 'desks' | 'quality' | 'sipas', enabled = true) {
  return useQuery({ queryKey: surveyKeys.of(qid, what), queryFn: () => getJson<T>(surveyUrls[what](qid)), enabled, staleTime: 10_000 });
}

export function useCycleUnits(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['work', 'survey-units', cycleId],
    queryFn: async () => (await getJson<{ units: CycleUnit[] }>(`/api/work/cycles/${encodeURIComponent(cycleId)}/setup`)).units,
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useWorkCycle(cycleId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['work', 'cycles-lite'],
    queryFn: () => getJson<WorkCycleLite[]>('/api/work/cycles'),
    enabled,
    staleTime: 60_000,
    select: (cycles) => cycles.find((c) => c.id === cycleId) ?? null,
  });
}
