/**
 * The national workbook: the results of many cycles (one per province, or every cycle of a year)
 * and every unit's points on every field, criterion and leaf, in one .xlsx. Written with ExcelJS's
 * streaming WorkbookWriter one cycle at a time, so memory holds one province, not the country
 * (34 provinces × 130 units × 120 leaves ≈ 530,000 leaf rows).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../db/database.ts';
import { ResultsService } from '../services/results.service.ts';
import { loadDocumentData } from './document-data.ts';
import { cellNumber, rankChangeText } from './document-format.ts';
import { citationLine, correctionLine, publicationRef } from './publication-ref.ts';

export interface NationalWorkbookOptions {
  publicOnly: boolean;
  title?: string;
  /** 0–100, called after each cycle. */
  onProgress?: (percent: number) => void;
}

export interface NationalWorkbookSummary {
  cycles: number;
  units: number;
  detailRows: number;
}

const POINTS = '0.00';
const DETAIL_POINTS = '0.00#';
const SIGNED = '+0.00;-0.00;0.00';
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };

const RESULT_COLUMNS: { header: string; width: number; numFmt?: string }[] = [
  { header: 'Kỳ đánh giá', width: 40 },
  { header: 'Năm', width: 7 },
  { header: 'Nhóm', width: 22 },
  { header: 'STT', width: 6 },
  { header: 'Mã đơn vị', width: 16 },
  { header: 'Đơn vị', width: 36 },
  { header: 'Điểm thẩm định', width: 11, numFmt: POINTS },
  { header: 'Điểm điều tra XHH', width: 11, numFmt: POINTS },
  { header: 'Điểm thưởng', width: 10, numFmt: POINTS },
  { header: 'Điểm trừ', width: 10, numFmt: POINTS },
  { header: 'Tổng điểm', width: 10, numFmt: POINTS },
  { header: 'Điểm tối đa', width: 10, numFmt: POINTS },
  { header: 'Chỉ số (%)', width: 10, numFmt: POINTS },
  { header: 'Xếp loại', width: 11 },
  { header: 'Xếp hạng', width: 9 },
  { header: 'Chỉ số năm trước (%)', width: 11, numFmt: POINTS },
  { header: 'Thay đổi chỉ số', width: 10, numFmt: SIGNED },
  { header: 'Thay đổi thứ hạng', width: 22 },
  { header: 'Không đánh giá (thang điểm rút gọn)', width: 40 },
  // Last, so readers of the earlier columns by position keep working.
  { header: 'Quyết định công bố', width: 30 },
];

const DETAIL_COLUMNS: { header: string; width: number; numFmt?: string }[] = [
  { header: 'Kỳ đánh giá', width: 40 },
  { header: 'Nhóm', width: 22 },
  { header: 'Mã đơn vị', width: 16 },
  { header: 'Đơn vị', width: 32 },
  { header: 'Mã tiêu chí', width: 10 },
  { header: 'Cấp', width: 18 },
  { header: 'Lĩnh vực / Tiêu chí / Tiêu chí thành phần', width: 60 },
  { header: 'Điểm đạt', width: 10, numFmt: DETAIL_POINTS },
  { header: 'Điểm tối đa', width: 10, numFmt: DETAIL_POINTS },
  { header: 'Điểm bị mất', width: 10, numFmt: DETAIL_POINTS },
];

function levelOf(depth: number, isLeaf: boolean): string {
  if (depth === 1) return 'Lĩnh vực';
  if (depth === 2) return 'Tiêu chí';
  return isLeaf ? 'Tiêu chí thành phần' : 'Tiêu chí';
}

/*
 * Speed and memory of the streaming writer: a cell given a style object ExcelJS has already seen
 * costs a WeakMap lookup, while a column style makes ExcelJS build and register a fresh style per
 * cell (3× slower on 700,000 rows). So every cell gets one of these shared objects.
 */
const TEXT: Partial<ExcelJS.Style> = {};
const STYLE: Record<string, Partial<ExcelJS.Style>> = { [POINTS]: { numFmt: POINTS }, [DETAIL_POINTS]: { numFmt: DETAIL_POINTS }, [SIGNED]: { numFmt: SIGNED } };
const HEADER: Partial<ExcelJS.Style> = { font: HEADER_FONT, fill: HEADER_FILL, alignment: { wrapText: true, vertical: 'middle', horizontal: 'center' } };
const TITLE: Partial<ExcelJS.Style> = { font: { bold: true, size: 13 } };

/** A worksheet being streamed, with its next row number and per-column styles. */
interface SheetWriter {
  ws: ExcelJS.Worksheet;
  next: number;
  styles: Partial<ExcelJS.Style>[];
}

function writeRow(w: SheetWriter, values: ExcelJS.CellValue[], styles = w.styles): void {
  const row = w.ws.getRow(w.next++);
  for (let k = 0; k < values.length; k++) {
    const cell = row.getCell(k + 1);
    cell.value = values[k];
    cell.style = styles[k];
  }
  row.commit();
}

function startSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, title: string, columns: typeof RESULT_COLUMNS): SheetWriter {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  const w: SheetWriter = { ws, next: 1, styles: columns.map((c) => (c.numFmt ? STYLE[c.numFmt] : TEXT)) };
  writeRow(w, [title], [TITLE]);
  w.next++;
  ws.getRow(3).height = 32;
  writeRow(w, columns.map((c) => c.header), columns.map(() => HEADER));
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: columns.length } };
  return w;
}

/**
 * Waits while the zip has more than a few MB of this sheet's XML still to compress. ExcelJS
 * writes rows into the zip entry without backpressure, so without this a fast producer piles up
 * the whole sheet in memory. Reaches into ExcelJS 4.4's sheet stream; if that ever changes, the
 * export still works, only without the bound.
 */
async function relieve(w: SheetWriter): Promise<void> {
  const sink = (w.ws as unknown as { stream?: { pipes?: (NodeJS.EventEmitter & { _writableState?: { length: number } })[] } }).stream?.pipes?.[0];
  if (sink?._writableState && sink._writableState.length > PENDING_LIMIT) await once(sink, 'drain');
  else await new Promise((r) => setImmediate(r));
}
const PENDING_LIMIT = 16 * 1024 * 1024;

/** Published (or, for the CLI, every computed) cycles of a year, newest first. */
export async function listYearCycles(db: Db, year: number, publicOnly: boolean): Promise<string[]> {
  const all = await new ResultsService(db).listCycles({ publicOnly });
  return all.filter((c) => c.year === year && c.computedAt).map((c) => c.id);
}

/** Streams the workbook of `cycleIds` to a file path or a writable stream. */
export async function writeNationalWorkbook(db: Db, cycleIds: string[], target: string | Writable, opts: NationalWorkbookOptions): Promise<NationalWorkbookSummary> {
  const stream = typeof target === 'string' ? createWriteStream(target) : target;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'ParIndex';
  const results = new ResultsService(db);
  const title = opts.title ?? 'TỔNG HỢP KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH';
  const progress = (done: number, share: number, base: number) => opts.onProgress?.(Math.min(99, Math.floor(base + (share * done) / Math.max(1, cycleIds.length))));
  const summary: NationalWorkbookSummary = { cycles: cycleIds.length, units: 0, detailRows: 0 };

  // Sheet 1: one row per unit. A sheet is one zip entry: it is finished before the next starts.
  const ws = startSheet(wb, 'Kết quả', `${title} (${cycleIds.length} kỳ đánh giá)`, RESULT_COLUMNS);
  for (const [i, id] of cycleIds.entries()) {
    const r = await results.getResults(id, { publicOnly: opts.publicOnly });
    // Each row says which publication it belongs to (blank for a draft or an imported cycle).
    const pub = await publicationRef(db, r.cycle);
    const decision = pub ? [citationLine(pub), correctionLine(pub)].filter(Boolean).join('; ') : null;
    for (const g of r.groups)
      for (const u of g.units) {
        writeRow(ws, [
          r.cycle.name, r.cycle.year, g.summary.name, u.order, u.unitCode, u.unitName,
          cellNumber(u.appraised), cellNumber(u.survey), cellNumber(u.bonus), cellNumber(u.deduction), cellNumber(u.total), cellNumber(u.max),
          Number(u.indexRounded), u.classification, u.rank,
          u.change?.previousIndex ? cellNumber(u.change.previousIndex) : null,
          u.change?.indexDelta ? cellNumber(u.change.indexDelta) : null,
          rankChangeText(u) || null,
          u.exclusions.map((e) => `${e.nodeCode}: ${e.basis}`).join('; ') || null,
          decision,
        ]);
        summary.units++;
      }
    progress(i + 1, 15, 0);
    await relieve(ws);
  }
  ws.ws.commit();

  // Sheet 2: one row per unit × field / criterion / leaf.
  const wd = startSheet(wb, 'Chi tiết theo tiêu chí', `${title} — ĐIỂM CHI TIẾT THEO LĨNH VỰC, TIÊU CHÍ`, DETAIL_COLUMNS);
  for (const [i, id] of cycleIds.entries()) {
    const data = await loadDocumentData(db, id, { publicOnly: opts.publicOnly });
    const { rubric } = data;
    if (rubric) {
      for (const g of data.results.groups)
        for (const u of g.units) {
          const comp = data.components.get(u.unitId);
          if (!comp) continue;
          const points = new Map<string, { points: string; max: string; lost?: string }>([...comp.nodes, ...comp.leaves].map((p) => [p.code, p]));
          for (const n of rubric.nodes) {
            const p = points.get(n.code);
            if (!p) continue; // not applicable to this unit (reduced scale) or a 0-point heading
            writeRow(wd, [
              data.results.cycle.name, g.summary.name, u.unitCode, u.unitName, n.code, levelOf(n.depth, n.isLeaf),
              n.effect === 'score' ? n.title : `${n.title} (${n.effect === 'bonus' ? 'điểm thưởng' : 'điểm trừ'})`,
              cellNumber(p.points, 3), cellNumber(p.max, 3), p.lost !== undefined && n.effect === 'score' ? cellNumber(p.lost, 3) : null,
            ]);
            if (++summary.detailRows % 2000 === 0) await relieve(wd);
          }
        }
    }
    progress(i + 1, 85, 15);
    await relieve(wd);
  }
  wd.ws.commit();
  await wb.commit();
  if (typeof target === 'string' && !stream.writableFinished) await once(stream, 'finish');
  opts.onProgress?.(100);
  return summary;
}
