import { z } from 'zod';
import { CycleStatus } from './results.ts';
import { ScoringRule, StoredLeafInputs } from './rubric.ts';

/**
 * One unit's assessment sheet as the server presents it (GET /api/work/cycles/:id/units/:unitId;
 * apps/server/src/services/workflow/assessment-sheet.ts) and the web app reads it. Response shapes only.
 */

/** A unit's stage (self-assessment or explanation) as a sheet shows it. */
export const StageState = z.object({
  status: z.enum(['draft', 'submitted', 'returned']),
  note: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type StageState = z.infer<typeof StageState>;

/** A document linked to a leaf as evidence. */
export const EvidenceLink = z.object({
  documentId: z.string(),
  fileName: z.string(),
  numberSymbol: z.string().nullable(),
  issuedDate: z.string().nullable(),
  issuer: z.string().nullable(),
  page: z.string().nullable(),
  /** The document's date lies outside the assessment year. */
  outsideYear: z.boolean(),
});
export type EvidenceLink = z.infer<typeof EvidenceLink>;

const nullableText = z.string().nullable();

/** An applicable leaf with its stages' scores, the evidence linked to it and what is wrong with its inputs. */
export const SheetLeaf = z.object({
  code: z.string(),
  title: z.string(),
  path: z.array(z.object({ code: z.string(), title: z.string() })),
  max: z.string(),
  source: z.enum(['appraised', 'survey']),
  effect: z.enum(['score', 'bonus', 'deduction']),
  rule: ScoringRule,
  evidenceExpected: nullableText,
  evidenceRequired: z.boolean(),
  revision: z.number(),
  inputs: StoredLeafInputs.nullable(),
  selfPoints: nullableText,
  selfNote: nullableText,
  proposedPoints: nullableText,
  proposedReason: nullableText,
  proposedBy: nullableText,
  response: z.enum(['accepted', 'explained']).nullable(),
  responseText: nullableText,
  councilPoints: nullableText,
  councilReason: nullableText,
  /** After approval, the leaf's final points (engine: finalPointsOf); null before. */
  finalPoints: nullableText,
  evidence: z.array(EvidenceLink),
  problems: z.array(z.string()),
});
export type SheetLeaf = z.infer<typeof SheetLeaf>;

export const UnitSheet = z.object({
  cycle: z.object({ id: z.string(), year: z.number(), name: z.string(), status: CycleStatus, deadlines: z.record(z.string(), z.string().optional()) }),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), peerGroup: z.string() }),
  stages: z.object({ self: StageState, explanation: StageState }),
  editable: z.object({ self: z.boolean(), explanation: z.boolean() }),
  /**
   * Why the head cannot send the explanation yet although the unit may still answer (the refusal
   * `submitExplanation` would give, with the assigned leaf codes still without a proposal); null when
   * sending would pass the same check, or when the explanation is not editable anyway.
   */
  explanationBlockedBy: z.object({ message: z.string(), unproposed: z.array(z.string()) }).nullable(),
  progress: z.object({ leaves: z.number(), done: z.number(), claimed: z.string(), max: z.string() }),
  leaves: z.array(SheetLeaf),
});
export type UnitSheet = z.infer<typeof UnitSheet>;
