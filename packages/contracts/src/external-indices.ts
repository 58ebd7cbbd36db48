import { z } from 'zod';

/**
 * The province's results in the national indices (PAR Index, SIPAS, PAPI, PCI) as the server
 * presents them (GET /api/external-indices; apps/server/src/services/external-indices.service.ts)
 * and the web app reads them (apps/web/src/features/external). Response shapes only.
 */

/** The indices (the database's EXTERNAL_INDICES). */
export const ExternalIndexCode = z.enum(['par_index', 'sipas', 'papi', 'pci']);
export type ExternalIndexCode = z.infer<typeof ExternalIndexCode>;

/** A component of an index result (PAR Index fields, PAPI's 8 dimensions, PCI sub-indices). */
export const ExternalIndexComponent = z.object({
  code: z.string(),
  name: z.string(),
  value: z.string(),
  max: z.string().nullable().optional(),
});
export type ExternalIndexComponent = z.infer<typeof ExternalIndexComponent>;

/** What an index is. */
export const ExternalIndexInfo = z.object({
  code: ExternalIndexCode,
  short: z.string(),
  name: z.string(),
  /** 'points' (PAR Index, PAPI, PCI) or 'percent' (SIPAS). */
  unit: z.enum(['points', 'percent']),
  /** The usual maximum (PAR Index 100, SIPAS 100 %, PAPI 80, PCI 100). */
  defaultMax: z.string(),
  /** Words for the grade column (PAR Index: nhóm A/B/C; PCI: nhóm điều hành). */
  gradeLabel: z.string().nullable(),
});
export type ExternalIndexInfo = z.infer<typeof ExternalIndexInfo>;

/** One year of an index: the result, the target, the gap to it and the change on the year before. */
export const ExternalIndexYear = z.object({
  year: z.number(),
  result: z
    .object({
      value: z.string(),
      maxValue: z.string().nullable(),
      rank: z.number().nullable(),
      rankOf: z.number().nullable(),
      grade: z.string().nullable(),
      components: z.array(ExternalIndexComponent),
      source: z.string().nullable(),
    })
    .nullable(),
  target: z.object({ targetRank: z.number().nullable(), targetValue: z.string().nullable(), note: z.string().nullable() }).nullable(),
  /** Gap to the target: rank places still to gain (>0 short, ≤0 met), value short (>0) or above (≤0). */
  gap: z.object({ rank: z.number().nullable(), value: z.string().nullable(), met: z.boolean().nullable() }).nullable(),
  /** Change on the previous year with a result: places gained (+) or lost (−), and the value change. */
  change: z.object({ fromYear: z.number(), rank: z.number().nullable(), value: z.string() }).nullable(),
});
export type ExternalIndexYear = z.infer<typeof ExternalIndexYear>;

/** An index with its years. */
export const ExternalIndexSeries = ExternalIndexInfo.extend({ years: z.array(ExternalIndexYear) });
export type ExternalIndexSeries = z.infer<typeof ExternalIndexSeries>;
