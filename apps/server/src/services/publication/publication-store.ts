/**
 * The publication store: the one place that says what a publication holds (the contracts'
 * PublicationDocument), writes it and reads it back.
 *
 * - The writer (`publish`) freezes the cycle's figures as version n+1 — the original publication
 *   (CycleAdminService.publish), a correction (CorrectionService), the demo seed — all through it.
 * - The readers serve a published or closed cycle from its latest version: the portal's results
 *   (ResultsService.getResults), scorecards (ScorecardService) and the dashboard (DashboardService), the SIPAS panel,
 *   open data and every document (results-export.ts, document-data.ts). They never read the live
 *   rows (`unit_results`, `leaf_scores`, survey responses) of such a cycle, so nothing but a
 *   correction moves a published figure.
 *
 * Formats: rows written before this store hold the results table only (format 1, a bare
 * CycleResultsDto); their table is still served from the row, and the figures a format 1 row lacks
 * (components, SIPAS…) are read live as before. An imported history cycle has no publication row
 * and keeps reading its stored results.
 */
import { AppError, type CycleResultsDto, PUBLICATION_FORMAT, PublicationDocument } from '@parindex/contracts';
import type { Db } from '../../db/database.ts';
import type { Cycle } from '../../repositories/cycle.repository.ts';
import type { GroupResultRow, UnitResult } from '../../repositories/results.repository.ts';
import { buildPublicationDocument, type PublicationMeta } from './publication-build.ts';
import { type PublicationHeader, PublicationRepository, type PublicationRow } from '../../repositories/publication.repository.ts';

/** Cycles whose results anyone may see (the same set as ResultsService's PUBLIC_STATUSES). */
const PUBLIC = new Set(['published', 'closed']);

export interface StoredPublication extends PublicationHeader {
  /** The results table as published (every format has it). */
  results: CycleResultsDto;
  /** The whole document; null for a format 1 row (results table only). */
  document: PublicationDocument | null;
}

/** Figures of a published cycle in the shapes the read models work with, from its latest version. */
export interface PublishedFigures {
  version: number;
  document: PublicationDocument;
  /** One row per unit as unit_results would have it, with the unit's components: peer group, then published order. */
  rows: UnitResult[];
  /** The peer groups' summaries, in the published order. */
  groups: GroupResultRow[];
}

export interface PublishInput extends Omit<PublicationMeta, 'version'> {
  cycleId: string;
  /** The account that published (publications.published_by). */
  publishedBy: string;
  /** The version the caller expects to write (a correction previewed against n writes n+1); refused when another came first. */
  version?: number;
}

function isDocument(raw: unknown): raw is PublicationDocument {
  return !!raw && typeof raw === 'object' && (raw as { format?: unknown }).format === PUBLICATION_FORMAT;
}

function stored(row: PublicationRow): StoredPublication {
  const { results: raw, ...header } = row;
  const document = isDocument(raw) ? raw : null;
  return { ...header, results: { cycle: raw.cycle, groups: raw.groups }, document };
}

/** The rows the read models take, rebuilt from a document (its table and each unit's components). */
export function figuresOf(version: number, document: PublicationDocument): PublishedFigures {
  const components = new Map(document.units.map((u) => [u.unitId, u.components]));
  const rows: UnitResult[] = document.groups.flatMap((g) =>
    g.units.map((u) => ({
      unitId: u.unitId,
      unitCode: u.unitCode,
      unitName: u.unitName,
      peerGroup: u.group,
      appraised: u.appraised,
      survey: u.survey,
      bonus: u.bonus,
      deduction: u.deduction,
      total: u.total,
      maxPoints: u.max,
      indexExact: u.index,
      classification: u.classification,
      rank: u.rank,
      ord: u.order,
      components: components.get(u.unitId) ?? { nodes: [], leaves: [] },
      change: u.change,
    })),
  );
  return { version, document, rows, groups: document.groups.map((g) => ({ peerGroup: g.summary.code, summary: g.summary })) };
}

export class PublicationStore {
  private readonly repo: PublicationRepository;
  constructor(private readonly db: Db) {
    this.repo = new PublicationRepository(db);
  }

  /**
   * Freezes the cycle's figures as its next version. Call it inside the transaction that makes the
   * figures (the status change of a publication, the recomputation of a correction), after them.
   */
  async publish(input: PublishInput): Promise<{ version: number; document: PublicationDocument }> {
    const version = (await this.repo.latestVersion(input.cycleId)) + 1;
    if (input.version !== undefined && input.version !== version)
      throw new AppError('CONFLICT', `Kết quả vừa được công bố thành phiên bản ${version - 1} trong lúc bạn thao tác. Hãy tải lại trang và làm lại.`);
    const built = await buildPublicationDocument(this.db, input.cycleId, { version, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, reason: input.reason, notes: input.notes });
    // Checked before it is stored: what is written is exactly what every reader expects.
    const document = PublicationDocument.parse(built);
    await this.repo.append({ cycleId: input.cycleId, version, decisionNumber: input.decisionNumber, decisionDate: input.decisionDate, reason: input.reason, results: document, publishedBy: input.publishedBy });
    return { version, document };
  }

  async latest(cycleId: string): Promise<StoredPublication | null> {
    const row = await this.repo.latest(cycleId);
    return row ? stored(row) : null;
  }

  async version(cycleId: string, version: number): Promise<StoredPublication | null> {
    const row = await this.repo.byVersion(cycleId, version);
    return row ? stored(row) : null;
  }

  /** Every version without its document, newest first. */
  headers(cycleId: string): Promise<PublicationHeader[]> {
    return this.repo.headers(cycleId);
  }

  /**
   * The latest published version of a public cycle, or null: the cycle is not public (draft …
   * approved), was never published through the store (an imported history cycle), or its row is
   * format 1 (callers then read the live rows for what the row lacks).
   */
  async publishedFigures(cycle: Cycle): Promise<PublishedFigures | null> {
    if (!PUBLIC.has(cycle.status)) return null;
    const latest = await this.latest(cycle.id);
    return latest?.document ? figuresOf(latest.version, latest.document) : null;
  }

  /** The results table of a public cycle's latest version (any format), or null as publishedFigures. */
  async publishedResults(cycle: Cycle): Promise<CycleResultsDto | null> {
    if (!PUBLIC.has(cycle.status)) return null;
    return (await this.latest(cycle.id))?.results ?? null;
  }

  /**
   * The cache key of a public cycle's figures (public-cache.ts), or null when it is not public: its
   * latest version and status when published through the store — a correction is a new version —
   * else (an imported history cycle) its computation time and status.
   */
  async publicStamp(cycle: Cycle | undefined): Promise<string | null> {
    if (!cycle || !PUBLIC.has(cycle.status)) return null;
    const version = await this.repo.latestVersion(cycle.id);
    if (version > 0) return `${cycle.id}|v${version}|${cycle.status}`;
    return cycle.computedAt ? `${cycle.id}|${cycle.computedAt.toISOString()}|${cycle.status}` : null;
  }
}

/** A stored results table as served: the figures as published, the cycle's status as it is now (published or closed). */
export function servedResults(results: CycleResultsDto, cycle: Cycle): CycleResultsDto {
  return { cycle: { ...results.cycle, status: cycle.status }, groups: results.groups };
}
