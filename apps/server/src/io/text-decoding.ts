/**
 * The dialect of a text table file (CSV): its encoding and its delimiter.
 *
 * Encodings accepted (docs/operations.md, "Accepted table files"): UTF-8 with or without BOM,
 * UTF-16 LE/BE with a BOM, and — when the bytes are not valid UTF-8 — Windows-1258 (Vietnamese,
 * tone marks as combining characters) or Windows-1252, told apart by content (chardet cannot name
 * Windows-1258: it reads Vietnamese as ISO-8859-1). Anything else is refused, naming the encoding
 * found and how to save the file as UTF-8. Decoded text is not normalised here: every cell is
 * normalised to NFC by the readers (a tone mark may be split from its letter across chunks).
 *
 * Delimiters accepted: `,`, `;` (Vietnamese Excel's "CSV" where the decimal separator is a comma)
 * and tab, detected from the header line.
 */
import { AppError } from '@parindex/contracts';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1258' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';

export const SAVE_AS_UTF8 = 'Lưu lại tệp dưới dạng CSV UTF-8 trong Excel: Tệp → Lưu thành → CSV UTF-8 (Comma delimited) (*.csv), rồi tải lên lại.';

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258 (tiếng Việt)',
  'windows-1252': 'Windows-1252',
};

export function encodingName(e: TextEncoding): string {
  return NAMES[e];
}

/** The bytes of the file's start looked at to choose the encoding of a streamed file. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024;

/** Windows-1258 bytes of the five Vietnamese tone marks (combining grave, hook above, tilde, acute, dot below). */
const TONE_BYTES = new Set([0xcc, 0xd2, 0xde, 0xec, 0xf2]);
/** Windows-1258 bytes of Ă ă Đ đ Ơ ơ Ư ư (Ã ã Ð ð Õ õ Ý ý in Windows-1252). */
const VIET_LETTER_BYTES = new Set([0xc3, 0xe3, 0xd0, 0xf0, 0xd5, 0xf5, 0xdd, 0xfd]);
/** Vowels of Vietnamese both code pages write alike: À Á Â È É Ê Í Ó Ô Ù Ú and their small letters. */
const SHARED_VOWEL_BYTES = new Set([0xc0, 0xc1, 0xc2, 0xc8, 0xc9, 0xca, 0xcd, 0xd3, 0xd4, 0xd9, 0xda, 0xe0, 0xe1, 0xe2, 0xe8, 0xe9, 0xea, 0xed, 0xf3, 0xf4, 0xf9, 0xfa]);

function isLetterByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || VIET_LETTER_BYTES.has(b) || SHARED_VOWEL_BYTES.has(b);
}

/**
 * Which Windows code page single-byte text reads as: Windows-1258 when Vietnamese letters and tone
 * marks (right after a letter) make up a good part of its letters above ASCII; Windows-1252 when
 * it has only bytes both read alike (punctuation, À Á Â é ô …); undefined otherwise (chardet decides).
 */
function singleByteCodePage(sample: Buffer): 'windows-1258' | 'windows-1252' | undefined {
  let viet = 0;
  let other = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0xc0 || SHARED_VOWEL_BYTES.has(b)) continue;
    if (VIET_LETTER_BYTES.has(b) || (TONE_BYTES.has(b) && i > 0 && isLetterByte(sample[i - 1]))) viet++;
    else other++;
  }
  if (viet > 0 && viet >= (viet + other) * 0.3) return 'windows-1258';
  return viet === 0 && other === 0 ? 'windows-1252' : undefined;
}

function refuse(found: string): never {
  throw new AppError('INVALID_FILE', `Tệp CSV không đọc được: mã hóa ký tự của tệp là ${found}, không phải UTF-8. ${SAVE_AS_UTF8}`);
}

function refuseBroken(what: string): never {
  throw new AppError('INVALID_FILE', `Tệp CSV không đọc được: ${what}. ${SAVE_AS_UTF8}`);
}

/** Counts UTF-8 multi-byte sequences that are well formed and high bytes that are not part of one. */
function utf8Shape(sample: Buffer): { sequences: number; strays: number } {
  let sequences = 0;
  let strays = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x80) continue;
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= sample.length;
    for (let k = 1; ok && k < len; k++) ok = (sample[i + k] & 0xc0) === 0x80;
    if (ok) { sequences++; i += len - 1; } else strays++;
  }
  return { sequences, strays };
}

/** Whether the bytes are valid UTF-8 (an incomplete character at the end of a partial sample is allowed). */
function isUtf8(sample: Buffer, complete: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/**
 * Chooses the encoding from the file's first bytes (the whole file when `complete`). Throws an
 * AppError naming the encoding found when it is none of those accepted.
 */
export function detectEncoding(sample: Buffer, complete: boolean): TextEncoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) {
    if (sample[2] === 0 && sample[3] === 0) refuse('UTF-32 LE');
    return 'utf-16le';
  }
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample[0] === 0 && sample[1] === 0 && sample[2] === 0xfe && sample[3] === 0xff) refuse('UTF-32 BE');
  if (sample.subarray(0, 1024).includes(0)) {
    const head = sample.subarray(0, 1024);
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 ? oddZeros++ : evenZeros++;
    const half = head.length / 2;
    if (half >= 8 && oddZeros >= half * 0.4 && evenZeros < half * 0.05) refuse('UTF-16 LE không có BOM');
    if (half >= 8 && evenZeros >= half * 0.4 && oddZeros < half * 0.05) refuse('UTF-16 BE không có BOM');
    throw new AppError('INVALID_FILE', 'Tệp không phải là CSV (văn bản) hay bảng tính Excel (.xlsx).');
  }
  if (isUtf8(sample, complete)) return 'utf-8';
  // Mostly UTF-8 with some broken bytes (a file pasted together, cut, or edited in two encodings):
  // reading it in a code page would turn its Vietnamese into "Sá»Ÿ".
  const shape = utf8Shape(sample);
  if (shape.sequences > 0 && shape.sequences >= shape.strays) refuseBroken(`tệp có ${shape.strays.toLocaleString('vi-VN')} byte không phải UTF-8 hợp lệ giữa các chữ UTF-8 (tệp bị hỏng hoặc ghép từ hai mã hóa)`);
  const codePage = singleByteCodePage(sample);
  if (codePage) return codePage;
  const found = chardet.detect(sample) ?? 'không rõ';
  if (/^(ISO-8859-1|ISO-8859-15|windows-1252)$/i.test(found)) return 'windows-1252';
  refuse(found);
}

/** Decodes text chunk by chunk (BOM dropped); refuses bytes the encoding cannot read, naming it. */
export interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

export function chunkDecoder(encoding: TextEncoding): ChunkDecoder {
  if (encoding === 'utf-8' || encoding === 'utf-16le') {
    const d = new TextDecoder(encoding, { fatal: true }); // drops the BOM (ignoreBOM: false)
    let read = 0;
    const run = (f: () => string, bytes = 0) => {
      try {
        const s = f();
        read += bytes;
        return s;
      } catch {
        refuseBroken(`tệp không phải ${encoding === 'utf-8' ? 'UTF-8' : 'UTF-16 LE'} hợp lệ: có byte không đọc được sau byte thứ ${read.toLocaleString('vi-VN')}`);
      }
    };
    return { write: (c) => run(() => d.decode(c, { stream: true }), c.length), end: () => run(() => d.decode()) };
  }
  const d = iconv.getDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding, { stripBOM: true });
  const check = (s: string) => {
    // iconv-lite reads bytes the code page leaves undefined as U+FFFD.
    if (s.includes('\uFFFD')) refuseBroken(`tệp được đọc theo mã hóa ${NAMES[encoding]} nhưng có byte mã hóa này không có`);
    return s;
  };
  return { write: (c) => check(d.write(c)), end: () => check(d.end() ?? '') };
}

/**
 * The delimiter of the header line: the most frequent of `,` `;` tab outside quotes on the first
 * non-empty line (a one-column file: comma). Ties go to tab, then `;`, then `,`: a header holding as
 * many `;` as `,` is more likely `;`-separated with commas in names than the other way round.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let seen = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) {
      if (seen) break;
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) {
      counts[c]++;
      seen = true;
    } else if (c !== '\uFEFF' && c !== ' ') seen = true;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[';'] && counts['\t'] >= counts[',']) return '\t';
  if (counts[';'] > 0 && counts[';'] >= counts[',']) return ';';
  return ',';
}

const DELIMITER_WORDS: Record<Delimiter, string> = { ',': 'dấu phẩy', ';': 'dấu chấm phẩy', '\t': 'dấu tab' };

/**
 * The message for a CSV row whose number of cells differs from the header's, with its likely cause:
 * a decimal comma in a comma-separated file, a delimiter inside an unquoted cell, a missing cell.
 */
export function rowWidthMessage(row: number, cells: readonly string[], headerCells: number, delimiter: Delimiter): string {
  const head = `Dòng ${row} có ${cells.length} ô, tiêu đề có ${headerCells} ô`;
  if (cells.length > headerCells) {
    const decimalComma = delimiter === ',' && cells.some((c, i) => i + 1 < cells.length && /^-?\d+$/.test(c.trim()) && /^\d+$/.test(cells[i + 1].trim()));
    if (decimalComma) return `${head} — dấu phẩy thập phân? Hãy dùng dấu chấm (0.75), hoặc đặt số trong ngoặc kép ("0,75"), hoặc dùng dấu chấm phẩy làm dấu phân cách.`;
    return `${head} — có ${DELIMITER_WORDS[delimiter]} trong nội dung một ô? Hãy đặt ô đó trong ngoặc kép ("…").`;
  }
  return `${head} — thiếu ô hoặc thiếu ${DELIMITER_WORDS[delimiter]}? Mỗi dòng cần đủ ${headerCells} ô (ô trống vẫn cần dấu phân cách).`;
}

/** The 1-based line a CSV record starts on, from the line it ends on (csv-parse's info.lines) and its cells' line breaks. */
export function recordStartLine(endLine: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const c of cells) if (c.includes('\n') || c.includes('\r')) breaks += c.match(/\r\n|\r|\n/g)!.length;
  return endLine - breaks;
}

/** NFC form of a cell's text (Windows-1258 and macOS files bring decomposed letters). */
export function nfc(s: string): string {
  return s.normalize('NFC');
}
