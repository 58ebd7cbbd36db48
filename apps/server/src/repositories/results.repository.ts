/**
 * Computed results (kết quả) of a cycle: one row per unit and one summary per peer group.
 * Results are derived data, always replaced as a whole, so a reader never sees half of an old
 * computation mixed with half of a new one.
 */
import { AppError, type ChangeDto, type GroupSummaryDto } from '@parindex/contracts';
import { eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { cycles, groupResults, unitResults, units } from '../db/schema.ts';
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
  peerGroup: string;
  summary: GroupSummaryDto;
}

const { cycleId: _cycleId, ...unitResultColumns } = getTableColumns(unitResults);

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
        for (const chunk of chunked(unitRows, 15)) {
          await tx.insert(unitResults).values(chunk.map((r) => ({ ...r, cycleId })));
        }
        for (const chunk of chunked(groupRows, 3)) {
          await tx.insert(groupResults).values(chunk.map((r) => ({ cycleId, peerGroup: r.peerGroup, summary: r.summary })));
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

  /** Unit results with unit code and name, by peer group then published order. */
  async listUnitResults(cycleId: string): Promise<UnitResult[]> {
    return this.db
      .select({ ...unitResultColumns, unitCode: units.code, unitName: units.name })
      .from(unitResults)
      .innerJoin(units, eq(units.id, unitResults.unitId))
      .where(eq(unitResults.cycleId, cycleId))
      .orderBy(sql`${unitResults.peerGroup} collate "C"`, unitResults.ord);
  }

  async listGroupResults(cycleId: string): Promise<GroupResultRow[]> {
    return this.db
      .select({ peerGroup: groupResults.peerGroup, summary: groupResults.summary })
      .from(groupResults)
      .where(eq(groupResults.cycleId, cycleId))
      .orderBy(sql`${groupResults.peerGroup} collate "C"`);
  }
}
