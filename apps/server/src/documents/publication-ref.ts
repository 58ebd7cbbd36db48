/**
 * What a published cycle's documents cite: its latest stored publication (publications table) —
 * the decision number and date, the version and, for a correction, its reason. A draft cycle, or a
 * history cycle imported without a publication row, has none: its documents keep the draft wording.
 */
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import { slugify } from '../io/slug.ts';
import { PublicationStore } from '../services/publication/publication-store.ts';
import { decisionRef, fullDecisionNumber, isDraftCycle, localDate } from './document-format.ts';

export interface PublicationRef {
  version: number;
  /** Full form, "125/QĐ-UBND". */
  decisionNumber: string;
  decisionDate: Date;
  /** The signing date as stored, "2026-02-27" (open data). */
  decisionDay: string;
  /** Why the version corrects the previous one; null for version 1. */
  reason: string | null;
}

/** The latest publication of a published or closed cycle, or null. */
export async function publicationRef(db: Db, cycle: Pick<Cycle, 'id' | 'status'>): Promise<PublicationRef | null> {
  if (isDraftCycle(cycle.status)) return null;
  const [latest] = await new PublicationStore(db).headers(cycle.id);
  if (!latest) return null;
  return { version: latest.version, decisionNumber: fullDecisionNumber(latest.decisionNumber), decisionDate: localDate(latest.decisionDate), decisionDay: latest.decisionDate.slice(0, 10), reason: latest.reason };
}

/** "Đính chính lần 1: lý do" for a version > 1; undefined for the original publication. */
export function correctionLine(ref: PublicationRef | null | undefined): string | undefined {
  if (!ref || ref.version <= 1) return undefined;
  return `Đính chính lần ${ref.version - 1}: ${ref.reason?.trim() || 'không ghi lý do'}`;
}

/** "Quyết định số 125/QĐ-UBND ngày 05/03/2026" (with the version for a correction). */
export function citationLine(ref: PublicationRef): string {
  return `Quyết định số ${decisionRef(ref.decisionNumber, ref.decisionDate)}${ref.version > 1 ? ` (phiên bản ${ref.version})` : ''}`;
}

/** "-qd-125-qd-ubnd" (version 1), "-qd-58-qd-ubnd-v2": what a published file name ends with. */
export function publicationSuffix(ref: PublicationRef): string {
  return `-qd-${slugify(ref.decisionNumber)}${ref.version > 1 ? `-v${ref.version}` : ''}`;
}
