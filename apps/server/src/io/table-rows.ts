/**
 * The one reader of table files (CSV, XLSX) behind every import: encoding and delimiter detection
 * (text-decoding.ts), the zip guard, the size limits, NFC cells and the row-width check all happen
 * here. Survey files are streamed row by row (readTableRows); the other imports read the whole
 * table through table-reader.ts, which collects these rows.
 */
import { Readable } from 'node:stream';
import { AppError, Limits } from '@parindex/contracts';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { cellText } from '../rubric-io/sheet-cells.ts';
import { clip } from './clip.ts';
import { assertRowFits } from './table-limits.ts';
import { chunkDecoder, detectDelimiter, detectEncoding, ENCODING_SAMPLE_BYTES, nfc, recordStartLine, rowWidthMessage, type TextEncoding } from './text-decoding.ts';
import { assertSafeZip, type ZipLimits } from './zip-guard.ts';

/** A row of a table file as read: its 1-based row (spreadsheet row or CSV line) and its cells as text. */
export interface RawRow {
  row: number;
  values: string[];
  /**
   * Set on a CSV row with more or fewer cells than the header (the first row): why, with the likely
   * cause (a decimal comma…). Its values are not to be used; the reader reports the row.
   */
  widthProblem?: string;
}

/** A whole file, or its bytes as they arrive (a Node stream is such an iterable). */
export type TableSource = Buffer | AsyncIterable<Buffer | string>;

export type TableFormat = 'csv' | 'xlsx';

/**
 * How the rows are read. The streaming default suits survey files; the whole-table reader
 * (table-reader.ts) asks for the stricter zip limits, csv-parse's trimming, the CSV's blank rows
 * (it reports them itself) and its own cell text, and checks row sizes against its own header.
 */
export interface RowOptions {
  /** Choose the encoding of a CSV given as a Buffer from all its bytes, not its first ENCODING_SAMPLE_BYTES. */
  wholeSample?: boolean;
  /** csv-parse's trim (whitespace around delimiters); otherwise cells are trimmed by the caller. */
  trim?: boolean;
  /** Yield blank CSV rows too (csv-parse still skips empty lines). */
  blankRows?: boolean;
  /** Check each row against TABLE_LIMITS, naming columns by the first row (default true). */
  checkFits?: boolean;
  zipLimits?: Partial<ZipLimits>;
  cellText?: (v: ExcelJS.CellValue) => string;
  invalidXlsx?: string;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const MB = 1024 * 1024;
const INVALID_XLSX = 'Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy lưu tệp dưới dạng "Excel Workbook (.xlsx)" rồi tải lên lại.';

/** Tells an xlsx (a zip) from CSV text by content, not by the file name. */
export function detectTableFormat(buf: Buffer): TableFormat {
  return buf.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

/**
 * This reader never holds a worksheet in memory (rows are parsed as they inflate, or from a
 * temporary file), so its worksheets may be larger than ZIP_LIMITS allow: a 100,000-row response
 * workbook has an 80 MB sheet, and the upload limit (Limits.importFileBytes, 20 MB) at the usual
 * 9:1 compression of sheets makes at most about 180 MB. Shared strings keep their 20 MB limit:
 * they are cached whole.
 */
const STREAMED_ZIP_LIMITS: Partial<ZipLimits> = { maxWorksheetBytes: 250 * MB, maxTotalBytes: 300 * MB };

/** A spreadsheet date-time is wall-clock time without zone: read it as Vietnam time (UTC+7). */
function cellValueText(v: ExcelJS.CellValue): string {
  if (v instanceof Date) return `${v.toISOString().slice(0, 19)}+07:00`;
  if (v && typeof v === 'object' && 'result' in v && v.result instanceof Date) return cellValueText(v.result);
  return cellText(v).trim();
}

const asBuffer = (chunk: Buffer | string): Buffer => (typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn; giới hạn là ${Limits.importFileBytes / 1048576} MB. Hãy chia thành nhiều tệp.`);

/** Yields the chunks back after the first one was looked at, and refuses more than the import limit. */
async function* limited(first: Buffer, rest: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  let bytes = first.length;
  yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    const chunk = asBuffer(next.value);
    bytes += chunk.length;
    if (bytes > Limits.importFileBytes) throw tooLarge();
    yield chunk;
  }
}

/**
 * Streams the rows of a CSV or of the first sheet of an XLSX, told apart by content, every cell in
 * NFC. A CSV may be UTF-8 (BOM or not), UTF-16 with a BOM, Windows-1258 or Windows-1252, separated
 * by `,` `;` or tab (io/text-decoding.ts). Blank rows are skipped; the first row yielded is the
 * header; a CSV row of another width than the header comes with its `widthProblem`.
 */
export async function* readTableRows(source: TableSource, options: RowOptions = {}): AsyncGenerator<RawRow> {
  if (Buffer.isBuffer(source) && source.length > Limits.importFileBytes) {
    throw new AppError('PAYLOAD_TOO_LARGE', `Tệp quá lớn (${(source.length / 1048576).toFixed(1)} MB); giới hạn là ${Limits.importFileBytes / 1048576} MB.`);
  }
  const whole = source;
  const chunks: AsyncIterable<Buffer | string> = Buffer.isBuffer(whole) ? (async function* () { yield whole; })() : whole;
  const it = chunks[Symbol.asyncIterator]();
  const firstChunk = await it.next();
  const first = firstChunk.done ? Buffer.alloc(0) : asBuffer(firstChunk.value);
  if (first.length === 0) throw new AppError('INVALID_FILE', 'Tệp rỗng: không có dữ liệu để nhập.');
  let rows: AsyncGenerator<RawRow>;
  if (detectTableFormat(first) === 'xlsx') {
    // A ZIP's directory is at its end: the whole file is needed (at most the upload limit) before any part is inflated.
    const file = Buffer.isBuffer(source) ? source : await wholeFile(limited(first, it));
    await assertSafeZip(file, 'Tệp bảng tính (.xlsx)', options.zipLimits ?? STREAMED_ZIP_LIMITS);
    rows = xlsxRows(Readable.from([file]), options.cellText ?? cellValueText, options.invalidXlsx ?? INVALID_XLSX);
  } else {
    // The encoding is chosen from the file's first ENCODING_SAMPLE_BYTES (or the whole file if shorter).
    const sample: Buffer[] = [first];
    let sampled = first.length;
    let ended = false;
    while (sampled < (options.wholeSample ? Infinity : ENCODING_SAMPLE_BYTES)) {
      const next = await it.next();
      if (next.done) { ended = true; break; }
      const chunk = asBuffer(next.value);
      sample.push(chunk);
      sampled += chunk.length;
    }
    const head = Buffer.concat(sample);
    if (head.length > Limits.importFileBytes) throw tooLarge();
    const encoding = detectEncoding(head, ended);
    rows = csvRows(decoded(limited(head, it), encoding), options);
  }
  yield* options.checkFits === false ? rows : withinLimits(rows);
}

async function wholeFile(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Refuses a row wider or a cell longer than the table limits, naming the column by its header (the first row). */
async function* withinLimits(rows: AsyncGenerator<RawRow>): AsyncGenerator<RawRow> {
  let header: string[] | undefined;
  for await (const raw of rows) {
    assertRowFits(raw.row, raw.values, header);
    header ??= raw.values;
    yield raw;
  }
}

/** The file's text, decoded chunk by chunk; refuses a NUL character (a binary file). */
async function* decoded(chunks: AsyncIterable<Buffer>, encoding: TextEncoding): AsyncGenerator<string> {
  const decoder = chunkDecoder(encoding);
  let checked = false;
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    if (!checked && text.length) {
      checked = true;
      if (text.slice(0, 1024).includes('\u0000')) throw new AppError('INVALID_FILE', 'Tệp không phải là CSV (văn bản) hay bảng tính Excel (.xlsx).');
    }
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

async function* csvRows(text: AsyncGenerator<string>, options: RowOptions): AsyncGenerator<RawRow> {
  const first = await text.next();
  if (first.done) return;
  const delimiter = detectDelimiter(first.value);
  // Without `trim`, cells are trimmed by the caller: csv-parse's trim doubles its time.
  const parser = parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: options.trim ?? false });
  const stream = Readable.from((async function* () { yield first.value; yield* text; })());
  stream.on('error', (e) => parser.destroy(e));
  stream.pipe(parser);
  let width: number | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!options.blankRows && record.every((v) => v === '')) continue;
      const row = recordStartLine(info.lines, record);
      const values = record.map(nfc);
      if (width === undefined) width = values.length;
      else if (values.length !== width) {
        yield { row, values, widthProblem: rowWidthMessage(row, values, width, delimiter) };
        continue;
      }
      yield { row, values };
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_FILE', `Tệp CSV không đọc được: ${clip((e as Error).message, 200)}`);
  }
}

async function* xlsxRows(stream: Readable, textOf: (v: ExcelJS.CellValue) => string, invalid: string): AsyncGenerator<RawRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = ((row.values ?? []) as ExcelJS.CellValue[]).slice(1);
        const texts = Array.from({ length: values.length }, (_, i) => nfc(textOf(values[i])));
        if (texts.every((t) => t === '')) continue;
        yield { row: row.number, values: texts };
      }
      return; // the first sheet only
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_FILE', invalid);
  }
}
