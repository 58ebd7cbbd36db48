/**
 * The public portal's read models: a unit's scorecard (phiếu kết quả) and the province dashboard.
 * Everything is read from stored, engine-made results; the few derived figures (component indices,
 * group averages, "what it takes", the trend through lineage) come from the engine too.
 */
import {
  AppError,
  type ClassBand,
  type ComponentDto,
  type DashboardDto,
  type PeerGroup,
  type PublishedUnit,
  type RubricDocument,
  type SipasDashboardDto,
  type TargetDto,
  type TiePolicy,
  type TrendPointDto,
  type UnitScorecardDto,
} from '@parindex/contracts';
import {
  type CoverPlan,
  Decimal,
  type NodePoints,
  type RankedTotals,
  type RubricIndex,
  compareComponents,
  dec,
  formatVi,
  groupComponentAverages,
  indexRubric,
  toExact,
  toFixedHalfUp,
  unitTrend,
  whatItTakes,
} from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { GroupResultRow, UnitResult } from '../repositories/results.repository.ts';
import { leafStagesOf, liveStageRows } from './publication/publication-build.ts';
import { PublicationStore } from './publication/publication-store.ts';
import { cycleSipas } from './dashboard-sipas.ts';
import { presentCycle, presentUnitResult } from './presenters.ts';
import { type Repositories, repositories } from './repositories.ts';
import { AnnouncementsService } from './announcements.service.ts';
import { PUBLIC_STATUSES } from './results.service.ts';

/** What unit_results.components holds (see ResultsService.compute). */
interface StoredComponents {
  nodes: { code: string; depth: number; points: string; max: string }[];
  leaves: { code: string; points: string; max: string; lost: string }[];
}

function componentsOf(row: UnitResult): StoredComponents {
  const c = row.components as Partial<StoredComponents> | null;
  return { nodes: Array.isArray(c?.nodes) ? c.nodes : [], leaves: Array.isArray(c?.leaves) ? c.leaves : [] };
}

const nodePoints = (nodes: StoredComponents['nodes'], depth?: number): NodePoints[] =>
  nodes.filter((n) => depth === undefined || n.depth === depth).map((n) => ({ code: n.code, points: dec(n.points), max: dec(n.max) }));

const rankedTotals = (r: UnitResult): RankedTotals => ({
  unitId: r.unitId,
  appraised: dec(r.appraised),
  survey: dec(r.survey),
  total: dec(r.total),
  max: dec(r.maxPoints),
  index: dec(r.indexExact),
  rank: r.rank,
  order: r.ord,
});

const exactOrNull = (d: Decimal | undefined) => (d === undefined ? null : toExact(d));
const roundedOrNull = (d: Decimal | undefined) => (d === undefined ? null : toFixedHalfUp(d));

interface CycleSettings {
  bands: ClassBand[];
  ties: TiePolicy;
  peerGroups: PeerGroup[];
  rubric?: RubricDocument;
}

/** Page title and description of a public deep link, for the HTML the server sends (search engines, link previews). */
export interface PageMeta {
  title: string;
  description: string;
}

interface LeafStageFigures {
  self: string | null;
  appraised: string | null;
  stage: UnitScorecardDto['leaves'][number]['appraisalStage'];
}

/**
 * What the read models show of one cycle: for a published or closed cycle its latest publication
 * version (publication-store.ts), never the live rows; for an imported history cycle (or a format 1
 * publication row) the stored results as before.
 */
interface CycleFigures {
  rubricVersionId: string | null;
  rows: UnitResult[];
  groups: GroupResultRow[];
  exclusions: (unitId: string) => Promise<{ nodeCode: string; basis: string }[]>;
  /** Per unit, the appraised leaves' stages; null: read them live. */
  stages: Map<string, PublishedUnit['stages']> | null;
  sipas: SipasDashboardDto | null;
}

export class ScorecardService {
  private readonly repos: Repositories;
  private readonly db: Db;
  private readonly store: PublicationStore;
  constructor(db: Db) {
    this.db = db;
    this.repos = repositories(db);
    this.store = new PublicationStore(db);
  }

  private async figuresOf(cycle: Cycle): Promise<CycleFigures> {
    const published = await this.store.publishedFigures(cycle);
    if (published) {
      const { document } = published;
      const excl = new Map(document.groups.flatMap((g) => g.units.map((u) => [u.unitId, u.exclusions] as const)));
      return {
        rubricVersionId: document.rubric?.versionId ?? null,
        rows: published.rows,
        groups: published.groups,
        exclusions: async (unitId) => excl.get(unitId) ?? [],
        stages: new Map(document.units.map((u) => [u.unitId, u.stages])),
        sipas: document.sipas,
      };
    }
    return {
      rubricVersionId: cycle.rubricVersionId,
      rows: await this.repos.results.listUnitResults(cycle.id),
      groups: await this.repos.results.listGroupResults(cycle.id),
      exclusions: async (unitId) => (await this.repos.cycles.listExclusions(cycle.id, unitId)).map(({ nodeCode, basis }) => ({ nodeCode, basis })),
      stages: null,
      sipas: null,
    };
  }

  /**
   * A cycle anyone may see, with results; otherwise NOT_FOUND with the same message as the results
   * table. `publicOnly: false` (the secretariat's CLI) also takes a cycle not yet published.
   */
  private async publicCycle(cycleId: string, publicOnly = true): Promise<Cycle> {
    const cycle = await this.repos.cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || (publicOnly && !PUBLIC_STATUSES.has(cycle.status)))
      throw new AppError('NOT_FOUND', 'Không tìm thấy kết quả của kỳ đánh giá này (có thể chưa được công bố).');
    if (!cycle.computedAt) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} chưa được tính kết quả.`);
    return cycle;
  }

  /**
   * The cache key of a public cycle's frozen results: id, computation stamp and status, or null when
   * the cycle is not public (the caller then lets the service answer 404).
   */
  async publicStamp(cycleId: string): Promise<string | null> {
    return this.store.publicStamp(await this.repos.cycles.getById(cycleId).catch(() => undefined));
  }

  /** Bands, ties and groups of the rubric version the figures were scored on (the published one for a published cycle). */
  private async settingsOf(cycle: Cycle, rubricVersionId: string | null): Promise<CycleSettings> {
    if (rubricVersionId) {
      const doc = (await this.repos.rubrics.getVersion(rubricVersionId)).document;
      return { bands: doc.settings.bands, ties: doc.settings.ties, peerGroups: doc.peerGroups, rubric: doc };
    }
    if (!cycle.settings) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có bộ chỉ số hay thiết lập xếp loại.`);
    return { bands: cycle.settings.bands, ties: cycle.settings.ties, peerGroups: cycle.settings.peerGroups };
  }

  /** Public cycles with results up to `year`, oldest first. */
  private async publicCyclesUpTo(year: number): Promise<Cycle[]> {
    return (await this.repos.cycles.list()).filter((c) => PUBLIC_STATUSES.has(c.status) && c.computedAt && c.year <= year).sort((a, b) => a.year - b.year);
  }

  /** One unit's scorecard in a public cycle (any computed cycle with `publicOnly: false`). */
  async getUnitScorecard(cycleId: string, unitId: string, opts: { publicOnly?: boolean } = {}): Promise<UnitScorecardDto> {
    const cycle = await this.publicCycle(cycleId, opts.publicOnly ?? true);
    const figures = await this.figuresOf(cycle);
    const settings = await this.settingsOf(cycle, figures.rubricVersionId);
    const rows = figures.rows;
    const row = rows.find((r) => r.unitId === unitId);
    if (!row) throw new AppError('NOT_FOUND', `Đơn vị này không có trong kết quả Chỉ số CCHC năm ${cycle.year}. Hãy chọn đơn vị từ bảng kết quả.`);
    const groupRows = rows.filter((r) => r.peerGroup === row.peerGroup);
    const groupSummary = figures.groups.find((g) => g.peerGroup === row.peerGroup)?.summary;
    if (!groupSummary) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} chưa có số liệu của nhóm đơn vị này.`);
    const exclusions = await figures.exclusions(unitId);
    const rubric = settings.rubric ? indexRubric(settings.rubric) : undefined;
    const stored = componentsOf(row);
    const titleOf = (code: string) => rubric?.nodes.get(code)?.title ?? code;

    // Components with the group's averages (engine), fields and criteria.
    const averages = groupComponentAverages(groupRows.map((r) => nodePoints(componentsOf(r).nodes)));
    const comparisons = new Map(compareComponents(nodePoints(stored.nodes), averages).map((c) => [c.code, c]));
    const components: ComponentDto[] = stored.nodes.flatMap((n) => {
      const c = comparisons.get(n.code);
      if (!c || n.depth > 2) return [];
      return [{
        code: n.code,
        title: titleOf(n.code),
        depth: n.depth,
        parent: rubric?.nodes.get(n.code)?.parent ?? null,
        points: n.points,
        max: n.max,
        index: toExact(c.index),
        indexRounded: toFixedHalfUp(c.index),
        groupMeanIndex: exactOrNull(c.groupMean),
        groupMeanIndexRounded: roundedOrNull(c.groupMean),
        deltaVsGroup: exactOrNull(c.delta),
      }];
    });

    // Leaves, most points lost first; the unit's own entries and the appraisal where on file.
    const stages = await this.leafStages(cycle.id, unitId, rubric, figures.stages?.get(unitId) ?? (figures.stages ? [] : null));
    const leaves = stored.leaves
      .map((l, i) => {
        const meta = rubric?.leafByCode.get(l.code);
        return {
          i,
          dto: {
            code: l.code,
            title: meta?.title ?? l.code,
            fieldCode: meta?.ancestors[0] ?? l.code.split('.')[0],
            source: meta?.source ?? 'appraised',
            effect: meta?.effect ?? 'score',
            max: l.max,
            points: l.points,
            lost: l.lost,
            selfPoints: stages.get(l.code)?.self ?? null,
            appraisedPoints: stages.get(l.code)?.appraised ?? null,
            appraisalStage: stages.get(l.code)?.stage ?? null,
            surveyPoints: meta?.source === 'survey' ? l.points : null,
            finalPoints: l.points,
          } satisfies UnitScorecardDto['leaves'][number],
        };
      })
      .sort((a, b) => dec(b.dto.lost).comparedTo(dec(a.dto.lost)) || a.i - b.i)
      .map((x) => x.dto);

    // What it takes: the engine picks the fewest leaves.
    const lostLeaves = leaves.filter((l) => l.effect === 'score').map((l) => ({ code: l.code, title: l.title, lost: dec(l.lost) }));
    const wit = whatItTakes(rankedTotals(row), lostLeaves, settings.bands, groupRows.map(rankedTotals), settings.ties);
    const nameOf = (id: string) => rows.find((r) => r.unitId === id)?.unitName ?? id;
    const target = (
      t: { pointsNeeded: Decimal; plan: CoverPlan<(typeof lostLeaves)[number]> },
      extra: Pick<TargetDto, 'label' | 'rank' | 'targetIndex' | 'competitor' | 'strict'>,
    ): TargetDto => ({
      ...extra,
      pointsNeeded: toExact(t.pointsNeeded),
      pointsNeededRoundedUp: t.pointsNeeded.toFixed(2, Decimal.ROUND_UP),
      reachable: t.plan.reachable,
      leaves: t.plan.leaves.map((l) => ({ code: l.code, title: l.title, lost: toExact(l.lost) })),
      leavesCover: toExact(t.plan.covered),
    });

    return {
      cycle: presentCycle(cycle),
      group: groupSummary,
      unit: presentUnitResult(row, exclusions),
      bands: settings.bands,
      hasComponents: stored.nodes.length > 0,
      fields: components.filter((c) => c.depth === 1),
      criteria: components.filter((c) => c.depth === 2),
      leaves,
      recoverable: toExact(wit.recoverable),
      nextClass: wit.nextClass
        ? target(wit.nextClass, { label: wit.nextClass.label, rank: null, targetIndex: toExact(wit.nextClass.min), competitor: null, strict: false })
        : null,
      nextRank: wit.nextRank
        ? target(wit.nextRank, {
            label: null,
            rank: wit.nextRank.rank,
            targetIndex: toExact(wit.nextRank.competitorIndex),
            competitor: { unitId: wit.nextRank.competitorId, unitName: nameOf(wit.nextRank.competitorId) },
            strict: wit.nextRank.strict,
          })
        : null,
      trend: await this.trendOf(cycle, row, figures),
    };
  }

  /**
   * Per appraised leaf: the unit's own points and the appraisal's with its stage (leafStagesOf) —
   * as published, or live for a cycle read live (`stored` null).
   */
  private async leafStages(cycleId: string, unitId: string, rubric: RubricIndex | undefined, stored: PublishedUnit['stages'] | null): Promise<Map<string, LeafStageFigures>> {
    if (!rubric) return new Map();
    const list = stored ?? leafStagesOf(await liveStageRows(this.db, cycleId, unitId), rubric);
    return new Map(list.map((s) => [s.leafCode, { self: s.self, appraised: s.appraised, stage: s.stage }]));
  }

  /** The unit's index in every public year up to this cycle, through lineage (engine: unitTrend). */
  private async trendOf(cycle: Cycle, row: UnitResult, figures: CycleFigures): Promise<TrendPointDto[]> {
    const earlier = (await this.publicCyclesUpTo(cycle.year)).filter((c) => c.year < cycle.year);
    const lineage = (await this.repos.units.listLineage()).map((l) => ({ predecessorId: l.predecessorId, successorId: l.successorId, weight: dec(l.weight) }));
    const past = await Promise.all(
      earlier.map(async (c) => {
        const f = await this.figuresOf(c);
        return { cycle: c, rows: f.rows, groups: f.groups };
      }),
    );
    const points = unitTrend(
      { unitId: row.unitId, total: dec(row.total), index: dec(row.indexExact), rank: row.rank },
      past.map((p) => ({ cycleId: p.cycle.id, year: p.cycle.year, results: p.rows.map((r) => ({ unitId: r.unitId, total: dec(r.total), index: dec(r.indexExact), rank: r.rank })) })),
      lineage,
    );
    const out: TrendPointDto[] = points.map((p) => {
      const at = past.find((x) => x.cycle.id === p.cycleId)!;
      // A direct point is one stored row (same exact index and rank): its published class.
      const source = p.basis === 'direct' ? at.rows.find((r) => r.rank === p.rank && dec(r.indexExact).equals(p.index)) : undefined;
      return {
        cycleId: p.cycleId,
        year: p.year,
        cycleName: at.cycle.name,
        basis: p.basis,
        index: toExact(p.index),
        indexRounded: toFixedHalfUp(p.index),
        rank: p.rank ?? null,
        classification: source?.classification ?? null,
        groupMeanIndex: at.groups.find((g) => g.peerGroup === row.peerGroup)?.summary.meanIndex ?? null,
      };
    });
    const groupNow = figures.groups.find((g) => g.peerGroup === row.peerGroup);
    out.push({
      cycleId: cycle.id,
      year: cycle.year,
      cycleName: cycle.name,
      basis: 'current',
      index: row.indexExact,
      indexRounded: toFixedHalfUp(dec(row.indexExact)),
      rank: row.rank,
      classification: row.classification,
      groupMeanIndex: groupNow?.summary.meanIndex ?? null,
    });
    return out;
  }

  /** The province dashboard of a public cycle: rankings, units × fields, class counts, field averages, group means over the years. */
  async getDashboard(cycleId: string): Promise<DashboardDto> {
    const cycle = await this.publicCycle(cycleId);
    const figures = await this.figuresOf(cycle);
    const settings = await this.settingsOf(cycle, figures.rubricVersionId);
    const rows = figures.rows;
    const groups = [...figures.groups];
    const position = (code: string) => {
      const i = settings.peerGroups.findIndex((g) => g.code === code);
      return i < 0 ? settings.peerGroups.length : i;
    };
    groups.sort((a, b) => position(a.peerGroup) - position(b.peerGroup));
    // Fields with a component index for some unit: a bonus/deduction field has no scale of its own.
    const scored = new Set(rows.flatMap((r) => componentsOf(r).nodes.filter((n) => n.depth === 1).map((n) => n.code)));
    const fields = (settings.rubric?.fields ?? []).filter((f) => scored.has(f.code)).map((f) => ({ code: f.code, title: f.title }));
    const fieldCodes = new Set(fields.map((f) => f.code));

    const trendCycles = await this.publicCyclesUpTo(cycle.year);
    const trend = await Promise.all(
      trendCycles.map(async (c) => ({
        cycleId: c.id,
        year: c.year,
        cycleName: c.name,
        groups: (c.id === cycle.id ? figures : await this.figuresOf(c)).groups.map((g) => ({
          code: g.peerGroup,
          name: g.summary.name,
          count: g.summary.count,
          meanIndex: g.summary.meanIndex,
          meanIndexRounded: g.summary.meanIndexRounded,
        })),
      })),
    );

    return {
      cycle: presentCycle(cycle),
      bands: settings.bands,
      fields,
      groups: groups.map((g) => {
        const units = rows.filter((r) => r.peerGroup === g.peerGroup).sort((a, b) => a.ord - b.ord);
        const unitFields = units.map((u) => nodePoints(componentsOf(u).nodes, 1).filter((n) => fieldCodes.has(n.code)));
        const averages = groupComponentAverages(unitFields);
        return {
          summary: g.summary,
          fieldAverages: fields.map((f) => {
            const a = averages.get(f.code);
            return { code: f.code, meanIndex: exactOrNull(a?.mean), meanIndexRounded: roundedOrNull(a?.mean), count: a?.count ?? 0 };
          }),
          units: units.map((u, i) => {
            const byCode = new Map(compareComponents(unitFields[i], new Map()).map((c) => [c.code, c.index]));
            return {
              unitId: u.unitId,
              unitName: u.unitName,
              rank: u.rank,
              order: u.ord,
              index: u.indexExact,
              indexRounded: toFixedHalfUp(dec(u.indexExact)),
              classification: u.classification,
              change: u.change,
              fields: fields.map((f) => ({ code: f.code, indexRounded: roundedOrNull(byCode.get(f.code)) })),
            };
          }),
        };
      }),
      // A published cycle's SIPAS as published; never recomputed from the responses on a read.
      sipas: figures.sipas ?? await cycleSipas(
        this.db,
        cycle.id,
        groups.flatMap((g) => rows.filter((r) => r.peerGroup === g.peerGroup).sort((a, b) => a.ord - b.ord).map((r) => ({ unitId: r.unitId, unitName: r.unitName, group: r.peerGroup }))),
      ),
      trend,
    };
  }

  /**
   * Title and description of the portal's own addresses: `/` and `/dashboard` show the newest
   * public cycle (as the web app does), `/thong-bao` the announcements with the latest one's title.
   */
  async portalPageMeta(page: 'results' | 'dashboard' | 'announcements'): Promise<PageMeta | null> {
    if (page === 'announcements') {
      const [latest] = await new AnnouncementsService(this.db).listPublished(1);
      return {
        title: 'Thông báo — Chỉ số CCHC — ParIndex',
        description: latest
          ? `Thông báo của Hội đồng thẩm định Chỉ số CCHC tỉnh. Mới nhất: ${latest.title}.`
          : 'Thông báo của Hội đồng thẩm định Chỉ số CCHC tỉnh: công bố kết quả, lịch đánh giá và hướng dẫn.',
      };
    }
    const newest = (await this.repos.cycles.list()).find((c) => PUBLIC_STATUSES.has(c.status));
    return newest ? this.pageMeta(newest.id, undefined, page) : null;
  }

  /**
   * Title and description of a public page, for the HTML of deep links: the results of a year, a
   * unit's scorecard, the dashboard. Null when the cycle or unit is not public.
   */
  async pageMeta(cycleId: string, unitId?: string, page: 'results' | 'unit' | 'dashboard' = unitId ? 'unit' : 'results'): Promise<PageMeta | null> {
    const cycle = await this.repos.cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || !PUBLIC_STATUSES.has(cycle.status) || !cycle.computedAt) return null;
    const name = cycle.name;
    if (page === 'dashboard')
      return {
        title: `Bảng tổng hợp Chỉ số CCHC năm ${cycle.year} — ParIndex`,
        description: `${name}: xếp hạng theo nhóm, chỉ số thành phần theo lĩnh vực, phân bố xếp loại và diễn biến qua các năm.`,
      };
    const rows = (await this.figuresOf(cycle)).rows;
    if (page === 'unit') {
      const row = rows.find((r) => r.unitId === unitId);
      if (!row) return null;
      const count = rows.filter((r) => r.peerGroup === row.peerGroup).length;
      return {
        title: `${row.unitName} — Chỉ số CCHC năm ${cycle.year} — ParIndex`,
        description: `${row.unitName}: Chỉ số CCHC năm ${cycle.year} đạt ${formatVi(dec(row.indexExact))}%, xếp loại ${row.classification}, xếp hạng ${row.rank}/${count} trong nhóm. Điểm theo từng lĩnh vực, tiêu chí bị trừ điểm và diễn biến qua các năm. ${name}.`,
      };
    }
    return {
      title: `Kết quả Chỉ số CCHC năm ${cycle.year} — ParIndex`,
      description: `${name}: bảng kết quả của ${rows.length} đơn vị — điểm thẩm định, điểm điều tra xã hội học, chỉ số, xếp loại, xếp hạng và so sánh với năm trước.`,
    };
  }
}
