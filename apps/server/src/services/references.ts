/**
 * Checks that ids a client sends in a body name something that exists, before a write would fail
 * on a foreign key: the answer names the field (and the row, for a list) in Vietnamese.
 */
import { AppError, type Issue } from '@parindex/contracts';
import type { Db } from '../db/database.ts';
import { UnitRepository } from '../repositories/unit.repository.ts';

const shown = (id: string) => (id.length > 40 ? `${id.slice(0, 40)}…` : id);

/**
 * Refuses unit ids that are not in the unit list. `ids` are the values sent (null/undefined are
 * skipped); with more than one, an issue names each bad one's row (1-based position in the list).
 */
export async function assertUnitsExist(db: Db, ids: readonly (string | null | undefined)[], field = 'unitId'): Promise<void> {
  const wanted = [...new Set(ids.filter((x): x is string => typeof x === 'string'))];
  if (wanted.length === 0) return;
  const found = await new UnitRepository(db).findExistingIds(wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length === 0) return;
  const issues: Issue[] = [];
  ids.forEach((id, i) => {
    if (typeof id === 'string' && !found.has(id) && issues.length < 20) issues.push({ ...(ids.length > 1 ? { row: i + 1 } : {}), field, message: `đơn vị "${shown(id)}" không tồn tại` });
  });
  const where = ids.length > 1 ? `Dòng ${issues[0].row}: đ` : 'Đ';
  throw new AppError('VALIDATION', `${where}ơn vị "${shown(missing[0])}" không tồn tại${missing.length > 1 ? ` (và ${missing.length - 1} đơn vị khác)` : ''}. Hãy chọn đơn vị trong danh mục.`, issues);
}
