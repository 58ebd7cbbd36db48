/**
 * The public portal's read model of a unit's scorecard (phiếu kết quả), and the title and
 * description of public deep links. Everything is read from stored, engine-made results; the few
 * derived figures (component indices, group averages, "what it takes", the trend through lineage)
 * come from the engine too. The province dashboard is dashboard.service.ts (getDashboard here
 * hands over to it); what both read of a cycle is public-figures.ts.
 */
import { AppError, type ComponentDto, type DashboardDto, type PublishedUnit, type TargetDto, type TrendPointDto, type UnitScorecardDto } from '@parindex/contracts';
import {
  type CoverPlan,
  type Decimal,
  type RubricIndex,
  compareComponents,
  dec,
  formatVi,
  groupComponentAverages,
  indexRubric,
  mostLostFirst,
  toExact,
  toFixedHalfUp,
  toFixedUp,
  unitTrend,
  whatItTakes,
} from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { UnitResult } from '../repositories/results.repository.ts';
import { AnnouncementsService } from './announcements.service.ts';
import { DashboardService } from './dashboard.service.ts';
import { presentCycle, presentUnitResult } from './presenters.ts';
import { type CycleFigures, PublicFigures, componentsOf, exactOrNull, nodePoints, rankedTotals, roundedOrNull } from './public-figures.ts';
import { leafStagesOf, liveStageRows } from './publication/publication-build.ts';
import type { Repositories } from './repositories.ts';
import { PUBLIC_STATUSES } from './results.service.ts';

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

export class ScorecardService {
  private readonly repos: Repositories;
  private readonly figures: PublicFigures;
  constructor(private readonly db: Db) {
    this.figures = new PublicFigures(db);
    this.repos = this.figures.repos;
  }

  private figuresOf(cycle: Cycle): Promise<CycleFigures> {
    return this.figures.figuresOf(cycle);
  }

  /**
   * The cache key of a public cycle's frozen results: id, computation stamp and status, or null when
   * the cycle is not public (the caller then lets the service answer 404).
   */
  publicStamp(cycleId: string): Promise<string | null> {
    return this.figures.publicStamp(cycleId);
  }

  /** The province dashboard of a public cycle (DashboardService). */
  getDashboard(cycleId: string): Promise<DashboardDto> {
    return new DashboardService(this.db).getDashboard(cycleId);
  }

  /** One unit's scorecard in a public cycle (any computed cycle with `publicOnly: false`). */
  async getUnitScorecard(cycleId: string, unitId: string, opts: { publicOnly?: boolean } = {}): Promise<UnitScorecardDto> {
    const cycle = await this.figures.publicCycle(cycleId, opts.publicOnly ?? true);
    const figures = await this.figuresOf(cycle);
    const settings = await this.figures.settingsOf(cycle, figures.rubricVersionId);
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
    const leaves = mostLostFirst(
      stored.leaves.map((l) => {
        const meta = rubric?.leafByCode.get(l.code);
        return {
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
        } satisfies UnitScorecardDto['leaves'][number];
      }),
    );

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
      pointsNeededRoundedUp: toFixedUp(t.pointsNeeded),
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
    const earlier = (await this.figures.publicCyclesUpTo(cycle.year)).filter((c) => c.year < cycle.year);
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