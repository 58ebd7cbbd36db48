/**
 * A publication version (phiên bản công bố) as stored in `publications.results`: every figure the
 * public sees of a published cycle, frozen when it was published or corrected. The portal, the
 * scorecards, the dashboard and every export of a published cycle read this, never the live rows.
 *
 * The column is older than this document: format 1 rows hold only the results table
 * (CycleResultsDto, no `format` field). Format 2 extends that table with the rest, so a format 2
 * document is still a valid CycleResultsDto and an older row still reads.
 */
import { z } from 'zod';
import { SipasDashboardDto } from './portal.ts';
import { CycleResultsDto, GroupSummaryDto } from './results.ts';

export const PUBLICATION_FORMAT = 2;

const Points = z.object({ code: z.string(), points: z.string(), max: z.string() });

/** One unit's published figures beyond its row of the results table. */
export const PublishedUnit = z.object({
  unitId: z.string(),
  /** The engine's points per node (field depth 1, criterion depth 2, …) and per leaf with the points lost. */
  components: z.object({
    nodes: z.array(Points.extend({ depth: z.number().int() })),
    leaves: z.array(Points.extend({ lost: z.string() })),
  }),
  /** Appraised leaves: the unit's own points and the appraisal's (council, else proposal) with the stage it stood at. */
  stages: z.array(
    z.object({
      leafCode: z.string(),
      self: z.string().nullable(),
      appraised: z.string().nullable(),
      stage: z.enum(['proposal', 'accepted', 'explained', 'council']).nullable(),
    }),
  ),
  /** Survey leaves: points (null when not applicable), answers and the 95% interval where the scoring gave one. */
  survey: z.array(
    z.object({
      leafCode: z.string(),
      points: z.string().nullable(),
      max: z.string(),
      n: z.number().int().nullable(),
      ciLow: z.string().nullable(),
      ciHigh: z.string().nullable(),
      applicable: z.boolean(),
      flagged: z.boolean(),
    }),
  ),
});
export type PublishedUnit = z.infer<typeof PublishedUnit>;

/** What the publication tells beside the figures: reduced scales, exclusions with their legal basis, stage overrides. */
export const PublicationNote = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('exclusion'), unitId: z.string(), unitName: z.string(), nodeCode: z.string(), basis: z.string() }),
  z.object({ kind: z.literal('reducedScale'), unitId: z.string(), unitName: z.string(), max: z.string(), fullMax: z.string() }),
  z.object({ kind: z.literal('override'), stage: z.string(), reason: z.string(), items: z.array(z.string()) }),
]);
export type PublicationNote = z.infer<typeof PublicationNote>;

export const PublicationDocument = CycleResultsDto.extend({
  format: z.literal(PUBLICATION_FORMAT),
  version: z.number().int().positive(),
  decision: z.object({ number: z.string(), date: z.string() }),
  reason: z.string().nullable(),
  /** The rubric version the figures were scored on (null for a cycle imported as totals). */
  rubric: z.object({ versionId: z.string(), code: z.string(), version: z.number().int() }).nullable(),
  combinedGroups: z.array(z.object({ code: z.string(), groups: z.array(z.string()), summary: GroupSummaryDto })),
  units: z.array(PublishedUnit),
  sipas: SipasDashboardDto,
  notes: z.array(PublicationNote),
});
export type PublicationDocument = z.infer<typeof PublicationDocument>;
