/**
 * Replacing the rubric version of a running cycle, the steps the service runs inside its
 * transaction: which stages allow it, the points already given to re-weighted leaves (read from
 * `leaf_scores`, compared and rescaled by the engine), and writing the rescaled values back.
 */
import { AppError, type RubricDocument } from '@parindex/contracts';
import { type GivenPoints, type GivenPointsField, type RescaledPoints } from '@parindex/engine';
import type { Actor } from '../auth/auth.service.ts';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import { type LeafScoreRow, LeafStagesRepository } from '../repositories/leaf-stages.repository.ts';
import { audit } from './workflow/audit.ts';
import { asUser } from './workflow/console-actor.ts';
import { assertCycleWritable } from './workflow/stage-rules.ts';

/** Stages in which the rubric may still be replaced: before the council has decided anything on it. */
const REPLACEABLE = new Set(['draft', 'open', 'appraisal']);
const LATE_STAGE: Record<string, string> = { council: 'Hội đồng thẩm định', approved: 'đã phê duyệt kết quả' };

/**
 * Refuses a replacement the cycle's stage no longer allows (409): published or closed (the shared
 * refusal of a frozen cycle, assertCycleWritable), and from the council onward — the council
 * decides on points given under the current rubric, so changing it then would re-open them.
 */
export function assertRubricReplaceable(cycle: Pick<Cycle, 'status' | 'name' | 'year' | 'source' | 'rubricVersionId'>): void {
  if (cycle.source !== 'assessed' || !cycle.rubricVersionId)
    throw new AppError('VALIDATION', 'Chỉ thay bộ chỉ số được cho kỳ đánh giá đang chấm điểm theo bộ chỉ số (kỳ nhập bảng kết quả không có bộ chỉ số).');
  assertCycleWritable(cycle, 'thay bộ chỉ số');
  if (!REPLACEABLE.has(cycle.status)) {
    throw new AppError(
      'CONFLICT',
      `Kỳ đánh giá "${cycle.name}" đang ở giai đoạn ${LATE_STAGE[cycle.status] ?? cycle.status}: từ giai đoạn Hội đồng thẩm định trở đi không thay được bộ chỉ số, vì các điểm đã thẩm định và quyết định theo bộ chỉ số hiện hành. Chỉ thay được khi kỳ ở giai đoạn dự thảo, tự đánh giá hoặc thẩm định.`,
    );
  }
}

/** The columns of leaf_scores holding each stage's points. */
type ScoreRow = LeafScoreRow;
/** Leaf score rows by unit and leaf. */
export type ScoreRows = Map<string, ScoreRow>;
const COLUMN: Record<Exclude<GivenPointsField, 'input'>, 'selfPoints' | 'proposedPoints' | 'councilPoints' | 'points'> = {
  self: 'selfPoints',
  proposed: 'proposedPoints',
  council: 'councilPoints',
  final: 'points',
};

/** Every unit's points on these leaves, per stage, with the unit's name for messages; the rows too, to write rescaled values back. */
export async function loadGivenPoints(tx: Db, cycleId: string, leafCodes: string[], unitName: (unitId: string) => string): Promise<{ given: GivenPoints[]; rows: Map<string, ScoreRow> }> {
  const rows = new Map<string, ScoreRow>();
  for (const r of await new LeafStagesRepository(tx).listForLeaves(cycleId, leafCodes)) rows.set(`${r.unitId}\u0000${r.leafCode}`, r);
  const given = [...rows.values()].map((r) => ({
    unitId: r.unitId,
    unitName: unitName(r.unitId),
    leafCode: r.leafCode,
    values: { input: r.inputs?.points ?? null, self: r.selfPoints, proposed: r.proposedPoints, council: r.councilPoints, final: r.points },
  }));
  return { given, rows };
}

/** Writes the rescaled values (one update per unit × leaf, revision + 1) and one audit entry each, before → after. */
export async function writeRescaled(tx: Db, actor: Actor, cycleId: string, rescaled: readonly RescaledPoints[], rows: Map<string, ScoreRow>): Promise<void> {
  const byRow = new Map<string, RescaledPoints[]>();
  for (const r of rescaled) {
    const key = `${r.unitId}\u0000${r.leafCode}`;
    byRow.set(key, [...(byRow.get(key) ?? []), r]);
  }
  const user = asUser(actor);
  for (const [key, changes] of byRow) {
    const row = rows.get(key)!;
    const set: Partial<ScoreRow> = {};
    for (const c of changes) {
      if (c.field === 'input') set.inputs = { ...row.inputs, points: c.after };
      else set[COLUMN[c.field]] = c.after;
    }
    await new LeafStagesRepository(tx).rescaleRow(cycleId, row.unitId, row.leafCode, set, user.id);
    await audit(tx, user, {
      action: 'rubric.rescale',
      cycleId,
      unitId: row.unitId,
      subject: row.leafCode,
      before: Object.fromEntries(changes.map((c) => [c.field, c.before])),
      after: Object.fromEntries(changes.map((c) => [c.field, c.after])),
      reason: `Thay bộ chỉ số: điểm tối đa ${changes[0].oldMax} → ${changes[0].newMax}, quy đổi theo tỷ lệ`,
    });
  }
}

/** "T27, phiên bản 3" */
export const versionText = (doc: Pick<RubricDocument, 'code'>, version: number) => `${doc.code}, phiên bản ${version}`;
