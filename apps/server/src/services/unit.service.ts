import { AppError, type Issue, UnitKind } from '@parindex/contracts';
import { dec } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import { mapColumns, readTable } from '../io/table-reader.ts';
import { inTransaction } from './repositories.ts';

const UNIT_COLUMNS = {
  code: ['code', 'Mã đơn vị', 'unit_code'],
  name: ['name', 'Tên đơn vị', 'Đơn vị', 'unit'],
  kind: ['kind', 'Loại đơn vị', 'Loại'],
  predecessors: ['predecessors', 'Đơn vị tiền thân', 'Hợp nhất từ'],
  effectiveDate: ['effective_date', 'Ngày hiệu lực'],
};

const KIND_ALIASES: Record<string, UnitKind> = {
  department: 'department', 'sở': 'department', 'sở, ban, ngành': 'department',
  special_department: 'special_department', 'cơ quan đặc thù': 'special_department',
  commune: 'commune', 'xã': 'commune', 'phường': 'commune', 'xã, phường': 'commune',
  district: 'district', 'huyện': 'district',
};

/**
 * Imports the unit registry (code, name, kind) with optional lineage: "predecessors" lists the
 * old units a new one was formed from, as "code:weight; code:weight" (weights of one unit sum to 1),
 * and "effective_date" when (YYYY-MM-DD). All rows are checked first; nothing is saved on any error.
 */
export class UnitService {
  constructor(private readonly db: Db) {}

  async importFile(file: Buffer): Promise<{ units: number; lineage: number }> {
    const table = await readTable(file);
    const cols = mapColumns(table, UNIT_COLUMNS, ['code', 'name', 'kind']);
    const issues: Issue[] = [];
    const units: { code: string; name: string; kind: UnitKind }[] = [];
    const links: { row: number; pred: string; succ: string; weight: string; date: string }[] = [];
    for (const rec of table.records) {
      const code = cols.get(rec, 'code')?.trim() ?? '';
      const name = cols.get(rec, 'name')?.trim() ?? '';
      const kindText = (cols.get(rec, 'kind') ?? '').trim().toLowerCase();
      const kind = KIND_ALIASES[kindText];
      if (!code) issues.push({ row: rec.row, field: 'code', message: 'thiếu mã đơn vị.' });
      if (!name) issues.push({ row: rec.row, field: 'name', message: 'thiếu tên đơn vị.' });
      if (!kind) issues.push({ row: rec.row, field: 'kind', message: `loại đơn vị "${kindText}" không hợp lệ (department, special_department, commune, district).` });
      const preds = (cols.get(rec, 'predecessors') ?? '').trim();
      const date = (cols.get(rec, 'effectiveDate') ?? '').trim();
      if (preds) {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) issues.push({ row: rec.row, field: 'effective_date', message: 'cần ngày hiệu lực dạng YYYY-MM-DD khi có đơn vị tiền thân.' });
        let total = dec(0);
        for (const part of preds.split(';').map((p) => p.trim()).filter(Boolean)) {
          const m = part.match(/^([^:]+):\s*(\d+(?:[.,]\d+)?)$/);
          if (!m) {
            issues.push({ row: rec.row, field: 'predecessors', message: `"${part}" không đúng dạng mã:trọng số (ví dụ xa-a:0.6).` });
            continue;
          }
          total = total.plus(dec(m[2]));
          links.push({ row: rec.row, pred: m[1].trim(), succ: code, weight: m[2].replace(',', '.'), date });
        }
        if (!total.equals(1)) issues.push({ row: rec.row, field: 'predecessors', message: `tổng trọng số các đơn vị tiền thân là ${total.toFixed()}, phải bằng 1.` });
      }
      if (code && name && kind) units.push({ code, name, kind });
    }
    if (issues.length) throw new AppError('VALIDATION', `Danh sách đơn vị có ${issues.length} lỗi; chưa lưu gì.`, issues);
    return inTransaction(this.db, async (r) => {
      const saved = await r.units.upsertByCode(units);
      const idByCode = new Map(saved.map((u) => [u.code, u.id]));
      for (const l of links) {
        if (!idByCode.has(l.pred)) {
          const existing = await r.units.findByCode(l.pred);
          if (!existing) throw new AppError('VALIDATION', `Dòng ${l.row}: không có đơn vị tiền thân mã "${l.pred}".`, [{ row: l.row, field: 'predecessors', message: `không có đơn vị mã "${l.pred}".` }]);
          idByCode.set(l.pred, existing.id);
        }
      }
      if (links.length)
        await r.units.addLineage(links.map((l) => ({ predecessorId: idByCode.get(l.pred)!, successorId: idByCode.get(l.succ)!, weight: l.weight, effectiveDate: l.date })));
      return { units: saved.length, lineage: links.length };
    });
  }
}
