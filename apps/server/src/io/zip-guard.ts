/**
 * Checks an uploaded ZIP container (XLSX, DOCX) before anything inflates it.
 *
 * ExcelJS (through JSZip) inflates every part of a workbook into memory and believes what the
 * archive says: a 307 KB workbook whose sharedStrings.xml inflates to 300 MB took the server from
 * 0.5 to 3 GB and stalled every other request. So, on the raw bytes and before any reader runs:
 *
 * 1. the central directory is read with yauzl and refused when it declares too many entries, a
 *    part larger than its limit, too much in all, or a part compressed like a bomb;
 * 2. the entries must lie one after another exactly as the central directory says, with local
 *    headers that agree with it — ExcelJS's streaming reader (unzipper) reads local headers in
 *    order and never looks at the directory, so an entry hidden between two listed ones would
 *    otherwise be inflated unchecked;
 * 3. every entry is inflated as a stream and its bytes counted and dropped, never kept: yauzl
 *    (validateEntrySizes) stops an entry at the first byte beyond its declared size, and the
 *    counters here stop at the limits, so an archive lying about its sizes costs a few kilobytes.
 *
 * Inflating happens in zlib's thread pool, chunk by chunk: the event loop keeps serving requests.
 */
import type { Readable } from 'node:stream';
import { AppError, type ErrorCode } from '@parindex/contracts';
import yauzl, { type Entry, type LocalFileHeader, type ZipFile } from 'yauzl';
import { clip } from './clip.ts';

const MB = 1024 * 1024;

export interface ZipLimits {
  /** Entries listed in the central directory. */
  maxEntries: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated bytes of xl/sharedStrings.xml: every distinct text of a workbook, kept in memory by every reader. */
  maxSharedStringsBytes: number;
  /** Inflated bytes of one worksheet part (xl/worksheets/…xml). */
  maxWorksheetBytes: number;
  /** Inflated bytes of any other part: styles, drawings, the body of a DOCX. */
  maxPartBytes: number;
  /** Inflated ÷ compressed size allowed for a part over 1 MB. */
  maxRatio: number;
  /**
   * Longest stretch without "<" in a worksheet or the shared strings: the most text one XML node
   * (one cell) can hold, which a parser keeps whole in memory before any reader can refuse it.
   */
  maxTextRunBytes: number;
}

/**
 * Limits for readers that load a whole workbook into memory (ExcelJS `xlsx.load` takes about
 * 12 bytes of heap per byte of sheet XML). Measured on real-shaped files:
 * - 2,000 entries: a workbook has a few dozen parts, a DOCX with pictures a few hundred;
 * - sharedStrings.xml 20 MB: 100,000 survey responses with a form number and a comment each
 *   make 6 MB of distinct texts;
 * - a worksheet 80 MB: a 200,000-row results table of 5 columns (the import row limit) is 40 MB;
 * - any other part 20 MB: styles, themes and drawings of real files are under 1 MB;
 * - 100 MB in all;
 * - compression 100:1 for parts over 1 MB: sheets and strings compress 6–12:1, even rows of
 *   empty styled cells 10:1, while a part of one repeated character compresses 1,000:1;
 * - 1 MB of text in one XML node of a sheet or the strings: a cell of the readers' 10,000
 *   characters is at most 100 KB even written as character references, while one cell of tens of
 *   megabytes (within every size limit above) would otherwise be built whole by the XML parser.
 * The streaming reader of response files (io/table-rows.ts) allows larger worksheets: it
 * never holds one in memory, and a 100,000-row response workbook has an 80 MB sheet.
 */
export const ZIP_LIMITS: Readonly<ZipLimits> = Object.freeze({
  maxEntries: 2_000,
  maxTotalBytes: 100 * MB,
  maxSharedStringsBytes: 20 * MB,
  maxWorksheetBytes: 80 * MB,
  maxPartBytes: 20 * MB,
  maxRatio: 100,
  maxTextRunBytes: MB,
});

/** Small parts may compress at any ratio (an empty sheet, a blank style table). */
const RATIO_FLOOR = MB;
const LOCAL_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Compound File Binary: a password-protected Office file, or a legacy .xls/.doc. */
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08]);
const END_SIGNATURES = [0x06054b50, 0x06064b50]; // end of central directory, ZIP64 or not
const DAMAGED = 'cấu trúc tệp nén bị hỏng hoặc không đầy đủ. Hãy mở tệp bằng Excel/Word, lưu lại rồi tải lên lại.';
const LAYOUT = 'các phần trong tệp nén không khớp với mục lục của tệp (tệp bị hỏng hoặc bị làm giả). Hãy mở tệp bằng Excel/Word, lưu lại rồi tải lên lại.';

type Refuse = (code: ErrorCode, reason: string) => AppError;
interface Part {
  label: string;
  limit: number;
  /** Parsed into cells (worksheet, shared strings): its text runs are checked while it inflates. */
  cells: boolean;
}

/**
 * Refuses (AppError INVALID_FILE or PAYLOAD_TOO_LARGE, a Vietnamese message naming the limit)
 * a file that is not a ZIP or could take more memory to open than the limits allow. `what` names
 * the file in the message, e.g. `Tệp "phieu.xlsx"` or `Tệp bộ chỉ số (.xlsx)`.
 */
export async function assertSafeZip(buf: Buffer, what: string, limits: Partial<ZipLimits> = {}): Promise<void> {
  const L: ZipLimits = { ...ZIP_LIMITS, ...limits };
  const refuse: Refuse = (code, reason) => new AppError(code, `${clip(what, 80)} bị từ chối: ${reason}`);
  const zip = await openZip(buf, refuse);
  try {
    if (zip.entryCount > L.maxEntries) throw refuse('PAYLOAD_TOO_LARGE', `có ${count(zip.entryCount)} phần nén, vượt quá giới hạn ${count(L.maxEntries)} phần.`);
    const directoryStart = cursorOf(zip); // yauzl's cursor starts at the central directory
    const entries = await readEntries(zip, refuse);
    checkDeclared(entries, L, refuse);
    await checkLayout(zip, buf, entries, directoryStart, refuse);
    await inflateAll(zip, entries, L, refuse);
  } finally {
    zip.close();
  }
}

async function openZip(buf: Buffer, refuse: Refuse): Promise<ZipFile> {
  if (buf.subarray(0, 4).equals(CFB_MAGIC)) {
    throw refuse('INVALID_FILE', 'tệp được đặt mật khẩu hoặc ở định dạng cũ (.xls, .doc). Hãy bỏ mật khẩu và lưu lại dưới dạng Excel Workbook (.xlsx) hoặc Word (.docx) rồi tải lên lại.');
  }
  if (!buf.subarray(0, 4).equals(LOCAL_MAGIC)) {
    throw refuse('INVALID_FILE', 'không phải là tệp Excel (.xlsx), Word (.docx) hay tệp nén ZIP. Hãy lưu tệp dưới dạng "Excel Workbook (.xlsx)" rồi tải lên lại.');
  }
  try {
    return await yauzl.fromBufferPromise(buf, { lazyEntries: true, autoClose: false, validateEntrySizes: true });
  } catch {
    throw refuse('INVALID_FILE', DAMAGED);
  }
}

const cursorOf = (zip: ZipFile) => (zip as unknown as { readEntryCursor: number }).readEntryCursor;
const count = (n: number) => n.toLocaleString('vi-VN');
const mb = (bytes: number) => (bytes < MB ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / MB).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`);

function readEntries(zip: ZipFile, refuse: Refuse): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(refuse('INVALID_FILE', DAMAGED)));
    zip.readEntry();
  });
}

/**
 * The names a reader may see for an entry: yauzl's (which honours the Unicode-path extra field)
 * and the raw bytes as UTF-8 (what unzipper uses). A part is held to the strictest limit of all
 * its names, so a renamed sharedStrings.xml cannot pass as a worksheet.
 */
function namesOf(entry: Entry): string[] {
  return [...new Set([entry.fileName, entry.fileNameRaw.toString('utf8')])];
}

function partNamed(name: string, L: ZipLimits): Part {
  const lower = name.toLowerCase();
  if (lower.endsWith('sharedstrings.xml')) return { label: 'phần chuỗi văn bản (sharedStrings)', limit: L.maxSharedStringsBytes, cells: true };
  if (/^xl\/worksheets\/[^/]+\.xml$/.test(lower)) return { label: `trang tính "${clip(name, 60)}"`, limit: L.maxWorksheetBytes, cells: true };
  return { label: `phần "${clip(name, 60)}"`, limit: L.maxPartBytes, cells: false };
}

function partOf(entry: Entry, L: ZipLimits): Part {
  const parts = namesOf(entry).map((n) => partNamed(n, L));
  const strictest = parts.reduce((a, b) => (b.limit < a.limit ? b : a));
  return { ...strictest, cells: parts.some((p) => p.cells) };
}

/** What the central directory declares: no name twice, each part and the whole within limits, no bomb-like ratio. */
function checkDeclared(entries: Entry[], L: ZipLimits, refuse: Refuse): void {
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    for (const name of namesOf(entry)) {
      if (seen.has(name)) throw refuse('INVALID_FILE', `phần "${clip(name, 60)}" xuất hiện hai lần trong tệp nén (tệp bị hỏng hoặc bị làm giả).`);
      seen.add(name);
    }
    const part = partOf(entry, L);
    const size = entry.uncompressedSize;
    if (size > part.limit) throw refuse('PAYLOAD_TOO_LARGE', `${part.label} giải nén vượt quá ${mb(part.limit)} (khai báo ${mb(size)}). Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.`);
    total += size;
    if (total > L.maxTotalBytes) throw refuse('PAYLOAD_TOO_LARGE', `nội dung giải nén vượt quá ${mb(L.maxTotalBytes)}. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.`);
    const ratio = size / Math.max(entry.compressedSize, 1);
    if (size > RATIO_FLOOR && ratio > L.maxRatio) {
      throw refuse('INVALID_FILE', `${part.label} nén với tỷ lệ bất thường (${count(Math.round(ratio))}:1, tối đa ${count(L.maxRatio)}:1), dấu hiệu của tệp "bom nén".`);
    }
  }
}

/**
 * The entries must follow one another from the first byte to the central directory, each local
 * header agreeing with the directory, and the directory must run to its end record: then a
 * reader walking local headers (unzipper) meets exactly the entries checked here.
 */
async function checkLayout(zip: ZipFile, buf: Buffer, entries: Entry[], directoryStart: number, refuse: Refuse): Promise<void> {
  const sorted = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
  let expected: number | undefined = 0;
  for (const [i, entry] of sorted.entries()) {
    if (entry.relativeOffsetOfLocalHeader !== expected) throw refuse('INVALID_FILE', LAYOUT);
    const next = i + 1 < sorted.length ? sorted[i + 1].relativeOffsetOfLocalHeader : directoryStart;
    expected = await entryEnd(zip, buf, entry, next).catch(() => undefined);
  }
  const directoryEnd = cursorOf(zip);
  const ended = directoryEnd + 4 <= buf.length && END_SIGNATURES.includes(buf.readUInt32LE(directoryEnd));
  if (expected !== directoryStart || !ended) throw refuse('INVALID_FILE', LAYOUT);
}

/** Where an entry ends (data, then its data descriptor if flagged), or undefined when its local header disagrees with the directory. */
async function entryEnd(zip: ZipFile, buf: Buffer, entry: Entry, next: number): Promise<number | undefined> {
  const local = await zip.readLocalFileHeaderPromise(entry);
  if (!local.fileName.equals(entry.fileNameRaw) || local.compressionMethod !== entry.compressionMethod) return undefined;
  const dataEnd = local.fileDataStart + entry.compressedSize;
  const described = (local.generalPurposeBitFlag & 0x08) !== 0;
  // A streaming reader takes the local header's size; when that is left out (0, sizes in a
  // trailing descriptor), it reads up to the first descriptor signature instead.
  const agrees = described && local.compressedSize === 0
    ? buf.indexOf(DESCRIPTOR, local.fileDataStart) === dataEnd
    : localCompressedSize(local) === entry.compressedSize;
  if (!agrees) return undefined;
  if (!described) return dataEnd;
  const signed = buf.subarray(dataEnd, dataEnd + 4).equals(DESCRIPTOR);
  return (signed ? [16, 24] : [12, 20]).map((n) => dataEnd + n).find((end) => end === next);
}

/** The compressed size in a local header, read from its ZIP64 extra field when the header says 0xFFFFFFFF. */
function localCompressedSize(local: LocalFileHeader): number | undefined {
  if (local.compressedSize !== 0xffffffff) return local.compressedSize;
  const zip64 = yauzl.parseExtraFields(local.extraField).find((f) => f.id === 0x0001)?.data;
  const at = local.uncompressedSize === 0xffffffff ? 8 : 0;
  if (!zip64 || zip64.length < at + 8) return undefined;
  return Number(zip64.readBigUInt64LE(at));
}

/** Inflates every entry, counting and dropping the bytes, against each part's limit, the total and the text-run limit. */
async function inflateAll(zip: ZipFile, entries: Entry[], L: ZipLimits, refuse: Refuse): Promise<void> {
  let total = 0;
  for (const entry of entries) {
    const part = partOf(entry, L);
    const room = L.maxTotalBytes - total;
    const tooLarge = () => part.limit <= room
      ? refuse('PAYLOAD_TOO_LARGE', `${part.label} giải nén vượt quá ${mb(part.limit)}. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.`)
      : refuse('PAYLOAD_TOO_LARGE', `nội dung giải nén vượt quá ${mb(L.maxTotalBytes)}. Hãy chia dữ liệu thành nhiều tệp nhỏ hơn.`);
    const longText = () => refuse('PAYLOAD_TOO_LARGE', `${part.label} có một ô (hoặc thuộc tính) dài hơn ${mb(L.maxTextRunBytes)} văn bản liền. Hãy rút gọn nội dung ô rồi tải lên lại.`);
    const runs = part.cells ? textRuns(L.maxTextRunBytes) : undefined;
    const check = (chunk: Buffer, bytes: number) => {
      if (bytes > Math.min(part.limit, room)) throw tooLarge();
      if (runs && !runs.take(chunk)) throw longText();
    };
    total += await inflateCounted(zip, entry, check, (message) => refuse('INVALID_FILE', `${part.label}: ${message}`));
    if (runs && !runs.end()) throw longText();
  }
}

/** Inflates one entry chunk by chunk; `check` sees each chunk and the count so far, and throws to stop. */
async function inflateCounted(zip: ZipFile, entry: Entry, check: (chunk: Buffer, bytes: number) => void, broken: (message: string) => AppError): Promise<number> {
  let bytes = 0;
  try {
    const stream: Readable = await zip.openReadStreamPromise(entry);
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      check(chunk as Buffer, bytes); // a throw leaves the loop, which destroys the stream: inflating stops here
    }
    return bytes;
  } catch (e) {
    if (e instanceof AppError) throw e;
    // yauzl's validateEntrySizes: the entry inflates to more (or less) than the directory declares.
    if (/too many bytes|not enough bytes/.test((e as Error).message)) {
      throw broken(`kích thước giải nén thực khác với kích thước khai báo (${mb(entry.uncompressedSize)}): tệp bị làm giả hoặc bị hỏng.`);
    }
    throw broken('dữ liệu nén bị hỏng, không giải nén được. Hãy mở tệp bằng Excel/Word, lưu lại rồi tải lên lại.');
  }
}

/**
 * Whether XML streamed in chunks ever goes more than `max` bytes without a "<": text cannot hold
 * a literal "<", so that bounds every text node (and tag). Each search jumps to the last "<"
 * within `max` bytes of the previous one: about one search per `max` bytes, not one per tag.
 */
function textRuns(max: number): { take(chunk: Buffer): boolean; end(): boolean } {
  let last = -1; // offset in the part of the "<" the next stretch is measured from
  let seen = 0;
  return {
    take(chunk) {
      const base = seen;
      seen += chunk.length;
      for (;;) {
        const edge = last + max + 1 - base; // a "<" must come at or before this index of the chunk
        if (edge >= chunk.length) {
          const lt = chunk.lastIndexOf(0x3c);
          if (lt >= 0) last = Math.max(last, base + lt);
          return true;
        }
        const lt = chunk.lastIndexOf(0x3c, edge);
        if (lt < 0 || base + lt <= last) return false;
        last = base + lt;
      }
    },
    end: () => seen - 1 - last <= max,
  };
}
