/**
 * The staff survey API (apps/server/src/http/routes/survey.routes.ts) as the pages use it. Keys
 * start with 'work' so that signing out drops them.
 */
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../lib/api.ts';

/*
 * The server's shapes come from @parindex/contracts (packages/contracts/src/survey-api.ts), under
 * the names the pages already use.
 */
export type {
  Questionnaire as QuestionnaireDoc,
  SipasFactorResult,
  SipasReportDto as SipasReport,
  SipasResultDto as SipasResult,
  SipasUnitResult as SipasUnit,
  SurveyDeskView as Desk,
  SurveyImportJob as ImportJobState,
  SurveyImportReport as ImportReport,
  SurveyLink as LinkOut,
  SurveyListLink,
  SurveyProgressRow as ProgressRow,
  SurveyQualityFlag as QualityFlag,
  SurveyQuestionnaireSummary as QuestionnaireRow,
  SurveyWindowChange as WindowChange,
  SurveyWindowDto as SurveyWindow,
} from '@parindex/contracts';
import type { SurveyQuestionnaireSummary } from '@parindex/contracts';

export interface CycleUnit {
  unitId: string;
  code: string;
  name: string;
  peerGroup: string;
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
  return useQuery({ queryKey: surveyKeys.list(cycleId), queryFn: () => getJson<SurveyQuestionnaireSummary[]>(surveyUrls.list(cycleId)), enabled, staleTime: 10_000 });
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
