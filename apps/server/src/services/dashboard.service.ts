/**
 * The province dashboard of a public cycle (bảng tổng hợp): rankings, units × fields, class counts,
 * field averages, group means over the years. Read from stored, engine-made results; component
 * indices and field averages come from the engine.
 */
import type { DashboardDto } from '@parindex/contracts';
import { compareComponents, dec, groupComponentAverages, toFixedHalfUp } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { cycleSipas } from './dashboard-sipas.ts';
import { presentCycle } from './presenters.ts';
import { PublicFigures, componentsOf, exactOrNull, nodePoints, roundedOrNull } from './public-figures.ts';

export class DashboardService {
  private readonly figures: PublicFigures;
  constructor(private readonly db: Db) {
    this.figures = new PublicFigures(db);
  }

  /** The province dashboard of a public cycle: rankings, units × fields, class counts, field averages, group means over the years. */
  async getDashboard(cycleId: string): Promise<DashboardDto> {
    const cycle = await this.figures.publicCycle(cycleId);
    const figures = await this.figures.figuresOf(cycle);
    const settings = await this.figures.settingsOf(cycle, figures.rubricVersionId);
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

    const trendCycles = await this.figures.publicCyclesUpTo(cycle.year);
    const trend = await Promise.all(
      trendCycles.map(async (c) => ({
        cycleId: c.id,
        year: c.year,
        cycleName: c.name,
        groups: (c.id === cycle.id ? figures : await this.figures.figuresOf(c)).groups.map((g) => ({
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
}
