/**
 * Writes tables as the files users bring: every accepted CSV dialect (delimiter × encoding), for
 * the readers' tests (io/text-decoding.ts).
 */
import iconv from 'iconv-lite';

export type TestDelimiter = ',' | ';' | '\t';
export type TestEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le-bom' | 'utf-16be-bom' | 'windows-1258' | 'windows-1252';

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;

/**
 * Vietnamese text as Windows' code page 1258 writes it: a letter the code page has (â, ơ, đ, é…)
 * followed by the tone mark as a combining byte (ộ → ô + U+0323). Undefined when some character
 * cannot be written in Windows-1258.
 */
export function toWindows1258(text: string): Buffer | undefined {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows1258');
    if (direct.length === 1 && (direct[0] !== 0x3f || ch === '?')) { out += ch; continue; }
    const d = ch.normalize('NFD');
    const tones = d.match(TONES)?.join('') ?? '';
    out += d.replace(TONES, '').normalize('NFC') + tones;
  }
  const buf = iconv.encode(out, 'windows1258');
  return iconv.decode(buf, 'windows1258').normalize('NFC') === text.normalize('NFC') ? buf : undefined;
}

/** A cell as CSV writes it: quoted when it holds the delimiter, a quote, a line break or edge spaces. */
export function csvCell(v: string, delimiter: TestDelimiter): string {
  return v.includes(delimiter) || /["\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export function csvText(rows: readonly (readonly string[])[], delimiter: TestDelimiter, eol = '\r\n'): string {
  return rows.map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter)).join(eol) + eol;
}

/** The file's bytes in this encoding; undefined when the text cannot be written in it. */
export function encodeText(text: string, encoding: TestEncoding): Buffer | undefined {
  switch (encoding) {
    case 'utf-8': return Buffer.from(text, 'utf8');
    case 'utf-8-bom': return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le-bom': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be-bom': return Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]);
    case 'windows-1258': return toWindows1258(text);
    case 'windows-1252': {
      const buf = iconv.encode(text, 'windows1252');
      return iconv.decode(buf, 'windows1252') === text ? buf : undefined;
    }
  }
}
