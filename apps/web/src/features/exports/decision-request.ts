/**
 * What the export panel sends about the decision. A draft takes the number and date typed in
 * ("125/QĐ-UBND" as the publish form takes it; the server completes a bare "125"). A published
 * cycle's files cite its stored decision, so nothing typed is sent for it — only the signer.
 */
import type { Dayjs } from 'dayjs';

export interface DecisionValues {
  decisionNumber?: string;
  decisionDate?: Dayjs | null;
  signer?: string;
}

export interface DecisionRequest {
  decisionNumber?: string;
  decisionDate?: string;
  signer?: string;
}

export function decisionRequest(values: DecisionValues | undefined, draft: boolean): DecisionRequest {
  return {
    decisionNumber: (draft && values?.decisionNumber?.trim()) || undefined,
    decisionDate: draft && values?.decisionDate ? values.decisionDate.format('YYYY-MM-DD') : undefined,
    signer: values?.signer?.trim() || undefined,
  };
}
