import { z } from 'zod';
import { SafeText } from './text.ts';

/**
 * A rubric version as the rubric pages read it (GET /api/work/rubrics, /api/work/rubrics/:id,
 * /api/work/rubrics/compare, /api/cycles/:id/rubric): presented by apps/server/src/services/rubric-tree.ts
 * and rubric-compare.ts, read by apps/web/src/features/rubric. Response shapes only: the server
 * does not parse its responses with them.
 */

/** A version as listed, with the cycles scored on it. */
export const RubricVersionDto = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  year: z.number(),
  name: z.string(),
  createdAt: z.string(),
  /** Cycles whose current rubric is this version. */
  cycles: z.array(z.object({ id: z.string(), year: z.number(), name: z.string(), status: z.string() })),
});
export type RubricVersionDto = z.infer<typeof RubricVersionDto>;

export const RubricLeafDto = z.object({
  source: z.enum(['appraised', 'survey']),
  effect: z.enum(['score', 'bonus', 'deduction']),
  ruleType: z.string(),
  /** How the leaf is scored, in Vietnamese sentences. */
  howScored: z.string(),
  /** The same rule in the XLSX "Phương pháp chấm điểm" notation. */
  notation: z.string(),
  /** Bonus / deduction / evidence requirement, as short sentences. */
  notes: z.array(z.string()),
  evidence: z.string().nullable(),
  evidenceRequired: z.boolean(),
});
export type RubricLeafDto = z.infer<typeof RubricLeafDto>;

export interface RubricTreeNodeDto {
  code: string;
  title: string;
  max: string;
  /** 1 for a field (lĩnh vực), 2 for a criterion, … */
  depth: number;
  /** The peer groups (codes) the node applies to, its ancestors' limits included; null = every group. */
  groups: string[] | null;
  /** Conditions on other leaves ("Nếu điểm tiêu chí 1.1.1 bằng 0 thì …"), as sentences. */
  conditions: string[];
  children: RubricTreeNodeDto[];
  /** Scoring of a leaf; null for a field or a criterion with children. */
  leaf: RubricLeafDto | null;
}
export const RubricTreeNodeDto: z.ZodType<RubricTreeNodeDto> = z.lazy(() =>
  z.object({
    code: z.string(),
    title: z.string(),
    max: z.string(),
    depth: z.number(),
    groups: z.array(z.string()).nullable(),
    conditions: z.array(z.string()),
    children: z.array(RubricTreeNodeDto),
    leaf: RubricLeafDto.nullable(),
  }),
);

export const RubricTreeDto = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  year: z.number(),
  name: z.string(),
  basis: z.string().nullable(),
  unitKinds: z.array(z.string()),
  createdAt: z.string(),
  /** Each peer group with its applicable maximum (thang điểm: Σ maxima of the score leaves that apply to it). */
  peerGroups: z.array(z.object({ code: z.string(), name: z.string(), max: z.string() })),
  bands: z.array(z.object({ label: z.string(), min: z.string() })),
  ties: z.string(),
  bonusCap: z.string().nullable(),
  deductionCap: z.string().nullable(),
  leaves: z.number(),
  fields: z.array(RubricTreeNodeDto),
});
export type RubricTreeDto = z.infer<typeof RubricTreeDto>;

const ChangedLeaf = z.object({ code: z.string(), title: z.string(), max: z.string() });

/** Two versions compared (GET /api/work/rubrics/compare): the engine's change report with each changed rule written out. */
export const RubricComparisonDto = z.object({
  from: RubricVersionDto,
  to: RubricVersionDto,
  /** Nothing differs (the two documents are the same rubric). */
  same: z.boolean(),
  added: z.array(ChangedLeaf),
  removed: z.array(ChangedLeaf),
  reweighted: z.array(z.object({ code: z.string(), title: z.string(), oldMax: z.string(), newMax: z.string() })),
  /** Leaves scored another way (rule, source, bonus/deduction, evidence requirement or groups), before and after. */
  ruleChanged: z.array(z.object({ code: z.string(), title: z.string(), before: z.string(), after: z.string() })),
  /** Nodes (fields, criteria, leaves) kept with another title, other evidence expected or other conditions on leaves. */
  textChanged: z.array(z.object({ code: z.string(), what: z.enum(['title', 'evidence', 'conditions']), before: z.string(), after: z.string() })),
  /** The version's general settings that changed. */
  settingsChanged: z.array(z.object({ what: z.string(), before: z.string(), after: z.string() })),
  /** Leaves whose code is in both versions. */
  kept: z.number(),
});
export type RubricComparisonDto = z.infer<typeof RubricComparisonDto>;

/** The answer to an uploaded rubric file (POST /api/work/rubrics): 201 when stored as a new version, 200 when the same document is already stored. */
export const RubricUploadResult = z.object({ stored: z.boolean(), message: z.string(), version: RubricVersionDto });
export type RubricUploadResult = z.infer<typeof RubricUploadResult>;

/** The rubric a published cycle was scored on (GET /api/cycles/:id/rubric). */
export const PublishedRubricDto = z.object({ cycle: z.object({ id: z.string(), year: z.number(), name: z.string() }), rubric: RubricTreeDto });
export type PublishedRubricDto = z.infer<typeof PublishedRubricDto>;

/** POST /api/work/cycles/:id/rubric/preview and PUT /api/work/cycles/:id/rubric: the stored version to use, scores rescaled or not. */
export const RubricReplaceRequest = z.object({ versionId: SafeText.min(1).max(64), rescale: z.boolean().optional() });
export type RubricReplaceRequest = z.infer<typeof RubricReplaceRequest>;

const GivenPointsField = z.enum(['input', 'self', 'proposed', 'council', 'final']);
const RubricRef = z.object({ id: z.string(), code: z.string(), version: z.number() });

/** What replacing a cycle's rubric did (PUT) or would do (preview): the engine's change report and the points it touches. */
export const RubricReplacementDto = z.object({
  /** The document is the cycle's current version: nothing stored, nothing changed. */
  unchanged: z.boolean(),
  message: z.string(),
  /** The version the cycle used before. */
  current: RubricRef,
  /** The version stored (PUT), or that would be stored (preview: id null). */
  rubric: RubricRef.extend({ id: z.string().nullable() }),
  report: z.object({
    added: z.array(ChangedLeaf),
    removed: z.array(ChangedLeaf),
    reweighted: z.array(z.object({ code: z.string(), title: z.string(), oldMax: z.string(), newMax: z.string() })),
    ruleChanged: z.array(z.object({ code: z.string(), title: z.string() })),
    kept: z.array(z.string()),
  }),
  /** Points above a lowered maximum: the replacement is refused with them. */
  overMax: z.array(z.object({ unitId: z.string(), unitName: z.string(), leafCode: z.string(), field: GivenPointsField, points: z.string(), newMax: z.string(), message: z.string() })),
  /** Every value scaled proportionally (with rescale). */
  rescaled: z.array(
    z.object({ unitId: z.string(), unitName: z.string(), leafCode: z.string(), field: GivenPointsField, before: z.string(), after: z.string(), oldMax: z.string(), newMax: z.string() }),
  ),
});
export type RubricReplacementDto = z.infer<typeof RubricReplacementDto>;

/** One error of an uploaded rubric file, as POST /api/work/rubrics lists it in `error.details.errors`. */
export const RubricFileError = z.object({ sheet: z.string().nullable(), row: z.number().nullable(), column: z.string().nullable(), message: z.string() });
export type RubricFileError = z.infer<typeof RubricFileError>;
