/**
 * Computed results (kết quả) of a cycle: one row per unit and one summary per peer group.
 * A full computation replaces them as a whole, so a reader never sees half of an old computation
 * mixed with half of a new one. After one unit's scores change, ResultsService.recomputeUnit
 * rewrites only what moved (that unit's row, the ranks and positions that changed, its group's
 * summary) — also in one transaction, under the cycle's row lock.
 */
import { AppError, type ChangeDto, type GroupSummaryDto } from '@parindex/contracts';
import { and, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { cycles, cycleUnits, groupResults, unitResults, units } from '../db/schema.ts';
import { assertNoDuplicates, chunked, pgErrorOf, SqlState } from '../db/sql-helpers.ts';

/** One unit's result; decimals are exact strings, `ord` is the position in the published table. */
export interface UnitResultRow {
  unitId: string;
  peerGroup: string;
  appraised: string;
  survey: string;
  bonus: string;
  deduction: string;
  total: string;
  maxPoints: string;
  indexExact: string;
  classification: string;
  rank: number;
  ord: number;
  /** Component indices per field / criterion, as the engine produced them. */
  components: unknown;
  change: ChangeDto | null;
}

export interface UnitResult extends UnitResultRow {
  unitCode: string;
  unitName: string;
}

export interface GroupResultRow {
  /** The peer group's code; for a combined group, the member codes joined by "+". */
  peerGroup: string;
  summary: GroupSummaryDto;
  /**
   * Set only on a combined group (e.g. "Khối sở, ban, ngành" = departments + special
   * departments): its member peer groups. Stored in the summary JSON under `members`, which is how
   * listGroupResults leaves these rows out, so no reader counts a unit twice.
   */
  members?: string[];
}

/** A unit's exact index and class, by peer group: what a combined group's figures are made of. */
export interface GroupMemberIndex {
  peerGroup: string;
  indexExact: string;
  classification: string;
}

/** A unit's published standing: what a later cycle compares itself with. */
export interface UnitStanding {
  unitId: string;
  total: string;
  indexExact: string;
  rank: number;
}

/**
 * A unit of a peer group as the cycle has it now (membership, peer group, name) next to its
 * stored result without the components (null fields when it has no stored result).
 */
export interface StoredStanding {
  unitId: string;
  unitName: string;
  /** The unit's peer group in cycle_units. */
  peerGroup: string;
  /** The peer group its stored result was ranked in; null without a stored result. */
  resultPeerGroup: string | null;
  appraised: string | null;
  survey: string | null;
  bonus: string | null;
  deduction: string | null;
  total: string | null;
  maxPoints: string | null;
  indexExact: string | null;
  classification: string | null;
  rank: number | null;
  ord: number | null;
  change: ChangeDto | null;
}

/** A new rank, position, class and change on last year for a unit whose own result stands. */
export interface StandingUpdate {
  unitId: string;
  rank: number;
  ord: number;
  classification: string;
  change: ChangeDto | null;
}

const { cycleId: _cycleId, ...unitResultColumns } = getTableColumns(unitResults);
const RESULT_ROWS_PER_INSERT = 500;

export class ResultsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Replaces the cycle's results in one transaction; with `computedAt`, also stamps the cycle so
   * the stamp and the rows can never disagree.
   */
  async replaceResults(cycleId: string, unitRows: UnitResultRow[], groupRows: GroupResultRow[], computedAt?: Date): Promise<void> {
    assertNoDuplicates(unitRows, (r) => r.unitId, 'Kết quả của đơn vị');
    assertNoDuplicates(groupRows, (r) => r.peerGroup, 'Kết quả của nhóm');
    try {
      await this.db.transaction(async (tx) => {
        await tx.delete(unitResults).where(eq(unitResults.cycleId, cycleId));
        await tx.delete(groupResults).where(eq(groupResults.cycleId, cycleId));
        // The rows as one JSON parameter (jsonb_to_recordset): one parameter instead of 15 per row,
        // and no array literal to escape; 500 rows (~6 MB of components) per statement.
        for (let i = 0; i < unitRows.length; i += RESULT_ROWS_PER_INSERT) {
          const rows = JSON.stringify(unitRows.slice(i, i + RESULT_ROWS_PER_INSERT));
          await tx.execute(sql`
            insert into ${unitResults} (cycle_id, unit_id, peer_group, appraised, survey, bonus, deduction, total, max_points,
                                        index_exact, classification, rank, ord, components, change)
            select ${cycleId}, "unitId", "peerGroup", appraised, survey, bonus, deduction, total, "maxPoints",
                   "indexExact", classification, rank, ord, components, change
            from jsonb_to_recordset(${rows}::jsonb) as t("unitId" text, "peerGroup" text, appraised numeric, survey numeric,
              bonus numeric, deduction numeric, total numeric, "maxPoints" numeric, "indexExact" numeric, classification text, rank int, ord int,
              components jsonb, change jsonb)`);
        }
        for (const chunk of chunked(groupRows, 3)) {
          await tx.insert(groupResults).values(chunk.map((r) => ({ cycleId, peerGroup: r.peerGroup, summary: storedSummary(r) })));
        }
        if (computedAt) await tx.update(cycles).set({ computedAt }).where(eq(cycles.id, cycleId));
      });
    } catch (err) {
      if (pgErrorOf(err)?.code === SqlState.foreignKeyViolation) {
        throw new AppError('VALIDATION', 'Có kết quả của đơn vị không thuộc kỳ đánh giá. Hãy tính lại kết quả.');
      }
      throw err;
    }
  }

  /**
   * Locks the cycle's row until the end of the transaction (so incremental recomputations of one
   * cycle run one after another) and returns its computed-at stamp; undefined for no such cycle.
   */
  async lockComputedAt(cycleId: string): Promise<{ computedAt: Date | null } | undefined> {
    const [row] = await this.db.select({ computedAt: cycles.computedAt }).from(cycles).where(eq(cycles.id, cycleId)).for('update');
    return row;
  }

  /**
   * Every unit of the peer groups of `unitIds` — by their group in the cycle now, or by the group
   * their stored result was ranked in — with its stored result, components left out.
   */
  async listGroupStandings(cycleId: string, unitIds: readonly string[]): Promise<StoredStanding[]> {
    if (unitIds.length === 0) return [];
    const groups = this.db
      .select({ peerGroup: cycleUnits.peerGroup })
      .from(cycleUnits)
      .where(and(eq(cycleUnits.cycleId, cycleId), inArray(cycleUnits.unitId, [...unitIds])));
    return this.db
      .select({
        unitId: cycleUnits.unitId,
        unitName: units.name,
        peerGroup: cycleUnits.peerGroup,
        resultPeerGroup: unitResults.peerGroup,
        appraised: unitResults.appraised,
        survey: unitResults.survey,
        bonus: unitResults.bonus,
        deduction: unitResults.deduction,
        total: unitResults.total,
        maxPoints: unitResults.maxPoints,
        indexExact: unitResults.indexExact,
        classification: unitResults.classification,
        rank: unitResults.rank,
        ord: unitResults.ord,
        change: unitResults.change,
      })
      .from(cycleUnits)
      .innerJoin(units, eq(units.id, cycleUnits.unitId))
      .leftJoin(unitResults, and(eq(unitResults.cycleId, cycleUnits.cycleId), eq(unitResults.unitId, cycleUnits.unitId)))
      .where(and(eq(cycleUnits.cycleId, cycleId), or(inArray(cycleUnits.peerGroup, groups), inArray(unitResults.peerGroup, groups))));
  }

  /** Rewrites whole rows of units that already have a stored result (an incremental recomputation). */
  async updateUnitResults(cycleId: string, rows: UnitResultRow[]): Promise<void> {
    for (const { unitId, ...values } of rows) {
      await this.db
        .update(unitResults)
        .set(values)
        .where(and(eq(unitResults.cycleId, cycleId), eq(unitResults.unitId, unitId)));
    }
  }

  /** New rank, position, class and change of units whose totals stand, in one statement. */
  async updateStandings(cycleId: string, rows: StandingUpdate[]): Promise<void> {
    if (rows.length === 0) return;
    for (const chunk of chunked(rows, 1)) {
      const ids = sql.param(chunk.map((r) => r.unitId));
      const ranks = sql.param(chunk.map((r) => r.rank));
      const ords = sql.param(chunk.map((r) => r.ord));
      const classes = sql.param(chunk.map((r) => r.classification));
      const changes = sql.param(chunk.map((r) => (r.change ? JSON.stringify(r.change) : null)));
      await this.db.execute(sql`
        update ${unitResults} set rank = t.rank, ord = t.ord, classification = t.classification, change = t.change::jsonb
        from unnest(${ids}::text[], ${ranks}::int[], ${ords}::int[], ${classes}::text[], ${changes}::text[]) as t(unit_id, rank, ord, classification, change)
        where ${unitResults.cycleId} = ${cycleId} and ${unitResults.unitId} = t.unit_id`);
    }
  }

  /** Writes the summaries of these peer groups (inserted or replaced). */
  async upsertGroupResults(cycleId: string, rows: GroupResultRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insert(groupResults)
      .values(rows.map((r) => ({ cycleId, peerGroup: r.peerGroup, summary: storedSummary(r) })))
      .onConflictDoUpdate({ target: [groupResults.cycleId, groupResults.peerGroup], set: { summary: sql`excluded.summary` } });
  }

  async setComputedAt(cycleId: string, computedAt: Date): Promise<void> {
    await this.db.update(cycles).set({ computedAt }).where(eq(cycles.id, cycleId));
  }

  /** Total, exact index and rank of the cycle's units (or of some of them): the baseline of a later cycle. */
  async listStandings(cycleId: string, unitIds?: readonly string[]): Promise<UnitStanding[]> {
    if (unitIds && unitIds.length === 0) return [];
    return this.db
      .select({ unitId: unitResults.unitId, total: unitResults.total, indexExact: unitResults.indexExact, rank: unitResults.rank })
      .from(unitResults)
      .where(and(eq(unitResults.cycleId, cycleId), unitIds ? inArray(unitResults.unitId, [...unitIds]) : undefined));
  }

  /** Unit results with unit code and name, by peer group then published order. */
  async listUnitResults(cycleId: string): Promise<UnitResult[]> {
    return this.db
      .select({ ...unitResultColumns, unitCode: units.code, unitName: units.name })
      .from(unitResults)
      .innerJoin(units, eq(units.id, unitResults.unitId))
      .where(eq(unitResults.cycleId, cycleId))
      .orderBy(sql`${unitResults.peerGroup} collate "C"`, unitResults.ord);
  }

  /** The peer groups' summaries (combined groups left out: see listCombinedGroupResults). */
  async listGroupResults(cycleId: string): Promise<GroupResultRow[]> {
    return this.db
      .select({ peerGroup: groupResults.peerGroup, summary: groupResults.summary })
      .from(groupResults)
      .where(and(eq(groupResults.cycleId, cycleId), sql`${groupResults.summary} -> 'members' is null`))
      .orderBy(sql`${groupResults.peerGroup} collate "C"`);
  }

  /** The combined groups' summaries, each with its member peer groups. */
  async listCombinedGroupResults(cycleId: string): Promise<GroupResultRow[]> {
    const rows = await this.db
      .select({ peerGroup: groupResults.peerGroup, summary: groupResults.summary })
      .from(groupResults)
      .where(and(eq(groupResults.cycleId, cycleId), sql`${groupResults.summary} -> 'members' is not null`))
      .orderBy(sql`${groupResults.peerGroup} collate "C"`);
    return rows.map(({ peerGroup, summary }) => {
      const { members, ...rest } = summary as GroupSummaryDto & { members: string[] };
      return { peerGroup, summary: rest, members };
    });
  }

  /** Exact index and class of the stored results of these peer groups' units. */
  async listMemberIndices(cycleId: string, peerGroups: readonly string[]): Promise<GroupMemberIndex[]> {
    if (peerGroups.length === 0) return [];
    return this.db
      .select({ peerGroup: unitResults.peerGroup, indexExact: unitResults.indexExact, classification: unitResults.classification })
      .from(unitResults)
      .where(and(eq(unitResults.cycleId, cycleId), inArray(unitResults.peerGroup, [...peerGroups])));
  }

  /**
   * Stores the cycle's combined groups in its settings (a JSON key next to the imported settings,
   * or alone on an assessed cycle), replacing any earlier definition.
   */
  async setCombinedGroups(cycleId: string, combined: { code: string; name: string; groups: string[] }[]): Promise<void> {
    await this.db
      .update(cycles)
      .set({ settings: sql`coalesce(${cycles.settings}, '{}'::jsonb) || jsonb_build_object('combinedGroups', ${JSON.stringify(combined)}::jsonb)` })
      .where(eq(cycles.id, cycleId));
  }
}

function storedSummary(r: GroupResultRow): GroupSummaryDto {
  return r.members ? ({ ...r.summary, members: r.members } as GroupSummaryDto) : r.summary;
}
