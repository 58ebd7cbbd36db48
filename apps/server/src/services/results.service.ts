import { AppError, type CycleDto, type CycleResultsDto, type PeerGroup, type RubricSettings } from '@parindex/contracts';
import {
  type Baseline,
  type CycleComputation,
  EngineError,
  type LeafScoreInput,
  computeCycle,
  computeFromTotals,
  dec,
  indexRubric,
  toExact,
  toFixedHalfUp,
} from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { UnitResultRow } from '../repositories/results.repository.ts';
import { changeToDto, presentCycle, presentUnitResult, summaryToDto } from './presenters.ts';
import { type Repositories, inTransaction, repositories } from './repositories.ts';

/** Cycles whose results anyone may see. */
export const PUBLIC_STATUSES = new Set(['published', 'closed']);

export interface ComputeSummary {
  cycle: CycleDto;
  units: number;
  groups: { code: string; name: string; count: number; meanIndex: string }[];
  /** Units whose computed index (half-up) differs from the index printed in an imported table. */
  publishedDifferences: { unit: string; published: string; computed: string }[];
}

/** Computes a cycle's results with the engine and serves them; the only writer of unit_results. */
export class ResultsService {
  private readonly repos: Repositories;
  constructor(private readonly db: Db) {
    this.repos = repositories(db);
  }

  async listCycles(opts: { publicOnly: boolean }): Promise<CycleDto[]> {
    const all = await this.repos.cycles.list();
    return all.filter((c) => !opts.publicOnly || PUBLIC_STATUSES.has(c.status)).map(presentCycle);
  }

  private async settingsOf(cycle: Cycle): Promise<{ settings: Pick<RubricSettings, 'bands' | 'ties'>; peerGroups: PeerGroup[] }> {
    if (cycle.rubricVersionId) {
      const doc = (await this.repos.rubrics.getVersion(cycle.rubricVersionId)).document;
      return { settings: doc.settings, peerGroups: doc.peerGroups };
    }
    if (!cycle.settings) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có bộ chỉ số hay thiết lập xếp loại.`);
    return { settings: cycle.settings, peerGroups: cycle.settings.peerGroups };
  }

  /** The latest earlier cycle with results: the baseline for "so với năm trước". */
  private async baselineFor(cycle: Cycle): Promise<Baseline | undefined> {
    const earlier = (await this.repos.cycles.list()).filter((c) => c.year < cycle.year && c.computedAt).sort((a, b) => b.year - a.year)[0];
    if (!earlier) return undefined;
    const prev = await this.repos.results.listUnitResults(earlier.id);
    const lineage = await this.repos.units.listLineage();
    return {
      results: prev.map((r) => ({ unitId: r.unitId, total: dec(r.total), index: dec(r.indexExact), rank: r.rank })),
      lineage: lineage.map((l) => ({ predecessorId: l.predecessorId, successorId: l.successorId, weight: dec(l.weight) })),
    };
  }

  private async run(cycle: Cycle): Promise<CycleComputation> {
    const units = await this.repos.cycles.listCycleUnits(cycle.id);
    if (units.length === 0) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có đơn vị nào.`);
    const baseline = await this.baselineFor(cycle);
    const { settings } = await this.settingsOf(cycle);
    if (cycle.source === 'imported') {
      const totals = new Map((await this.repos.importedTotals.list(cycle.id)).map((t) => [t.unitId, t]));
      const inputs = units.map((u) => {
        const t = totals.get(u.unitId);
        if (!t) throw new AppError('VALIDATION', `Đơn vị "${u.name}" chưa có điểm trong bảng kết quả đã nhập.`);
        const appraised = dec(t.appraised), survey = dec(t.survey);
        return { unitId: u.unitId, name: u.name, group: u.peerGroup, appraised, survey, total: appraised.plus(survey), max: dec(t.maxPoints) };
      });
      return computeFromTotals(inputs, settings, baseline);
    }
    const rubric = indexRubric((await this.repos.rubrics.getVersion(cycle.rubricVersionId!)).document);
    const excl = await this.repos.cycles.listExclusions(cycle.id);
    const scores = new Map<string, Map<string, LeafScoreInput>>();
    for (const s of await this.repos.scores.listLeafScores(cycle.id)) {
      let m = scores.get(s.unitId);
      if (!m) scores.set(s.unitId, (m = new Map()));
      m.set(s.leafCode, { inputs: s.inputs, points: s.points });
    }
    const inputs = units.map((u) => ({ unitId: u.unitId, name: u.name, group: u.peerGroup, excluded: excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode) }));
    return computeCycle(rubric, inputs, scores, baseline);
  }

  /** Computes and stores a cycle's results (totals, index, class, rank, group figures, change on last year). */
  async compute(cycleId: string): Promise<ComputeSummary> {
    const cycle = await this.repos.cycles.getById(cycleId);
    let computation: CycleComputation;
    try {
      computation = await this.run(cycle);
    } catch (e) {
      if (e instanceof EngineError) throw new AppError('VALIDATION', e.message);
      throw e;
    }
    const { peerGroups } = await this.settingsOf(cycle);
    const unitRows: UnitResultRow[] = computation.units.map((u) => ({
      unitId: u.unitId,
      peerGroup: u.group,
      appraised: toExact(u.appraised),
      survey: toExact(u.survey),
      bonus: toExact(u.bonus ?? dec(0)),
      deduction: toExact(u.deduction ?? dec(0)),
      total: toExact(u.total),
      maxPoints: toExact(u.max),
      indexExact: toExact(u.index),
      classification: u.classification,
      rank: u.rank,
      ord: u.order,
      components: u.scoring
        ? {
            nodes: u.scoring.nodes.map((n) => ({ code: n.code, depth: n.depth, points: toExact(n.points), max: toExact(n.max) })),
            leaves: u.scoring.leaves.map((l) => ({ code: l.code, points: toExact(l.points), max: toExact(l.max), lost: toExact(l.lost) })),
          }
        : { nodes: [], leaves: [] },
      change: changeToDto(u.change),
    }));
    const nameOf = (code: string) => peerGroups.find((g) => g.code === code)?.name ?? code;
    const groupRows = [...computation.groups].map(([code, s]) => ({ peerGroup: code, summary: summaryToDto(code, nameOf(code), s) }));
    await inTransaction(this.db, (r) => r.results.replaceResults(cycle.id, unitRows, groupRows, new Date()));
    const publishedDifferences: ComputeSummary['publishedDifferences'] = [];
    if (cycle.source === 'imported') {
      const totals = new Map((await this.repos.importedTotals.list(cycle.id)).map((t) => [t.unitId, t]));
      for (const u of computation.units) {
        const p = totals.get(u.unitId)?.publishedIndex;
        if (p && !dec(p).equals(u.indexRounded)) publishedDifferences.push({ unit: u.name, published: toFixedHalfUp(dec(p)), computed: toFixedHalfUp(u.index) });
      }
    }
    return {
      cycle: presentCycle(await this.repos.cycles.getById(cycle.id)),
      units: unitRows.length,
      groups: groupRows.map((g) => ({ code: g.peerGroup, name: g.summary.name, count: g.summary.count, meanIndex: g.summary.meanIndexRounded })),
      publishedDifferences,
    };
  }

  /** The results table as published, per peer group in the rubric's order. Unpublished cycles are hidden from the public. */
  async getResults(cycleId: string, opts: { publicOnly: boolean }): Promise<CycleResultsDto> {
    const cycle = await this.repos.cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || (opts.publicOnly && !PUBLIC_STATUSES.has(cycle.status)))
      throw new AppError('NOT_FOUND', 'Không tìm thấy kết quả của kỳ đánh giá này (có thể chưa được công bố).');
    if (!cycle.computedAt) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} chưa được tính kết quả.`);
    const { peerGroups } = await this.settingsOf(cycle);
    const rows = await this.repos.results.listUnitResults(cycle.id);
    const groups = await this.repos.results.listGroupResults(cycle.id);
    const excl = await this.repos.cycles.listExclusions(cycle.id);
    const position = (code: string) => {
      const i = peerGroups.findIndex((g) => g.code === code);
      return i < 0 ? peerGroups.length : i;
    };
    groups.sort((a, b) => position(a.peerGroup) - position(b.peerGroup));
    return {
      cycle: presentCycle(cycle),
      groups: groups.map((g) => ({
        summary: g.summary,
        units: rows
          .filter((r) => r.peerGroup === g.peerGroup)
          .sort((a, b) => a.ord - b.ord)
          .map((r) => presentUnitResult(r, excl.filter((e) => e.unitId === r.unitId).map(({ nodeCode, basis }) => ({ nodeCode, basis })))),
      })),
    };
  }
}
