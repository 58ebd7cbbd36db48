/**
 * The CSV dialects the table readers accept (io/text-decoding.ts): `,` `;` tab × UTF-8 (BOM or
 * not), UTF-16 LE/BE with a BOM, Windows-1258 and Windows-1252; every cell NFC; a row of another
 * width than the header refused, naming its line and the likely cause.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '@parindex/contracts';
import { readRespondentList } from '../survey-io/respondent-list.ts';
import { readTableRows, type RawRow } from './table-rows.ts';
import { csvText, encodeText, toWindows1258, type TestDelimiter, type TestEncoding } from '../testing/table-dialects.ts';
import { readTable } from './table-reader.ts';
import { detectDelimiter, detectEncoding } from './text-decoding.ts';

const DELIMITERS: TestDelimiter[] = [',', ';', '\t'];
const ENCODINGS: TestEncoding[] = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'utf-16be-bom', 'windows-1258'];

async function streamed(buf: Buffer, chunk = 997): Promise<RawRow[]> {
  const out: RawRow[] = [];
  async function* chunks() { for (let i = 0; i < buf.length; i += chunk) yield buf.subarray(i, i + chunk); }
  for await (const r of readTableRows(chunks())) out.push(r);
  return out;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const VIET = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵÀÁẢÃẠỐỘỜỨỰĐ';
const letter = fc.constantFrom(...VIET);
const textChar = fc.oneof({ weight: 6, arbitrary: letter }, { weight: 2, arbitrary: fc.constantFrom(' ', '0', '7', '-', '.', '(', ')', '/') }, { weight: 1, arbitrary: fc.constantFrom(',', ';', '"', "'", '\n', '\t') });
const text = fc.array(textChar, { minLength: 1, maxLength: 16 }).map((cs) => cs.join('').trim()).filter((s) => s.length > 0);
const number = fc.tuple(fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 999 }), fc.constantFrom('.', ','))
  .map(([i, d, f, sep]) => (d === 0 ? String(i) : `${i}${sep}${String(f).padStart(3, '0').slice(0, d)}`));
const cell = fc.oneof(text, number, fc.constant(''));
const table = fc.integer({ min: 2, max: 5 }).chain((cols) => fc.record({
  headers: fc.array(fc.array(letter, { minLength: 1, maxLength: 8 }).map((cs) => cs.join('')), { minLength: cols, maxLength: cols }).map((hs) => hs.map((h, i) => `${h}${i}`)),
  rows: fc.array(fc.tuple(fc.oneof(text, number), fc.array(cell, { minLength: cols - 1, maxLength: cols - 1 })).map(([a, rest]) => [a, ...rest]), { minLength: 1, maxLength: 6 }),
}));

/** The line each row starts on: the header on line 1, then one per row plus its cells' line breaks. */
function startLines(rows: string[][]): number[] {
  let line = 2;
  return rows.map((r) => { const at = line; line += 1 + r.join('').split('\n').length - 1; return at; });
}

describe('CSV dialects: every accepted delimiter × encoding reads back the same cells', () => {
  it('property: random Vietnamese tables (diacritics, decimals, empty cells, quotes, delimiters and line breaks in cells), NFC or NFD in the file', async () => {
    await fc.assert(fc.asyncProperty(table, fc.constantFrom(...DELIMITERS), fc.constantFrom(...ENCODINGS), fc.boolean(), async (t, delimiter, encoding, nfd) => {
      const all = [t.headers, ...t.rows];
      const written = csvText(all, delimiter);
      const buf = encodeText(nfd && encoding !== 'windows-1258' ? written.normalize('NFD') : written, encoding);
      if (!buf) return; // not representable in this encoding
      const lines = startLines(t.rows);

      const read = await readTable(buf);
      expect(read.headers).toEqual(t.headers);
      expect(read.records.map((r) => r.row)).toEqual(lines);
      expect(read.records.map((r) => t.headers.map((h) => r.cells[h]))).toEqual(t.rows);

      const rows = await streamed(buf, 5);
      expect(rows.map((r) => r.values)).toEqual(all);
      expect(rows.map((r) => r.row)).toEqual([1, ...lines]);
      expect(rows.some((r) => r.widthProblem)).toBe(false);
    }), { numRuns: 300 });
  });

  it('a decimal comma stays one cell in a ; or tab file: 0,75 is read as "0,75", never 0 and 75', async () => {
    for (const delimiter of [';', '\t'] as const) {
      const t = await readTable(Buffer.from(`unit_code${delimiter}leaf_code${delimiter}points\r\nso-a${delimiter}1.1.2${delimiter}0,75\r\n`));
      expect(t.records[0].cells).toEqual({ unit_code: 'so-a', leaf_code: '1.1.2', points: '0,75' });
    }
  });

  it('a file larger than the encoding sample, streamed in odd chunks, splits no character (UTF-16, Windows-1258, UTF-8)', async () => {
    const rows = [['Mã', 'Tên đơn vị', 'Điểm']];
    for (let i = 0; i < 3000; i++) rows.push([`u${i}`, `Sở Nội vụ tỉnh Đắk Lắk — phường Ỷ Lan ${i}`, `${i % 10},75`]);
    for (const encoding of ['utf-8', 'utf-16le-bom', 'utf-16be-bom', 'windows-1258'] as const) {
      const buf = encodeText(csvText(rows, ';'), encoding)!;
      expect(buf.length).toBeGreaterThan(64 * 1024);
      const read = await streamed(buf, 1001);
      expect(read.map((r) => r.values)).toEqual(rows);
    }
  });

  it('Windows-1258 (combining tone marks) is decoded and normalised to NFC; Windows-1252 too', async () => {
    const buf = toWindows1258('code,name,kind\r\nso-nv,Sở Nội vụ,department\r\nso-tp,Sở Tư pháp,department\r\n')!;
    expect(buf.includes(0xd2)).toBe(true); // ở as ơ + combining hook above
    expect(detectEncoding(buf, true)).toBe('windows-1258');
    const t = await readTable(buf);
    expect(t.records.map((r) => r.cells.name)).toEqual(['Sở Nội vụ', 'Sở Tư pháp']);
    expect(t.records[0].cells.name).toBe('Sở Nội vụ'.normalize('NFC'));

    const western = iconv.encode('name;city\r\nJosé Müller;Zürich\r\nFrançois;Besançon\r\n', 'windows1252');
    expect(detectEncoding(western, true)).toBe('windows-1252');
    expect((await readTable(western)).records.map((r) => r.cells.name)).toEqual(['José Müller', 'François']);
  });

  it('NFD text (a macOS file) comes out NFC, in CSV and in XLSX', async () => {
    const nfd = 'Sở Nội vụ'.normalize('NFD');
    expect(nfd).not.toBe('Sở Nội vụ'.normalize('NFC'));
    const t = await readTable(Buffer.from(`code,name\nso-nv,${nfd}\n`));
    expect(t.records[0].cells.name).toBe('Sở Nội vụ'.normalize('NFC'));

    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['code', `tên ${'đơn vị'.normalize('NFD')}`]);
    ws.addRow(['so-nv', nfd]);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const x = await readTable(xlsx);
    expect(x.headers).toEqual(['code', 'tên đơn vị'.normalize('NFC')]);
    expect(x.records[0].cells['tên đơn vị'.normalize('NFC')]).toBe('Sở Nội vụ'.normalize('NFC'));
    const rows = await streamed(xlsx);
    expect(rows[1].values).toEqual(['so-nv', 'Sở Nội vụ'.normalize('NFC')]);
  });

  it('the delimiter comes from the header line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3')).toBe(',');
    expect(detectDelimiter('\uFEFFa;b;c\n1,2,3')).toBe(';');
    expect(detectDelimiter('a\tb\tc\n')).toBe('\t');
    expect(detectDelimiter('"Tên, đơn vị";"Mã"\n')).toBe(';');
    expect(detectDelimiter('\n\nname\n')).toBe(',');
  });
});

describe('CSV rows of another width than the header', () => {
  const decimalComma = 'unit_code,leaf_code,points\nso-a,1.1.1,1\nso-a,1.1.2,0,75\nso-b,1.1.1\nso-b,"1.1.2","0,75"\nso-b,1.1.3,1,5\n';

  it('are all refused by readTable, naming the line and the likely cause; nothing is returned', async () => {
    const e = await refusal(readTable(Buffer.from(decimalComma)));
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([
      { row: 3, message: 'Dòng 3 có 4 ô, tiêu đề có 3 ô — dấu phẩy thập phân? Hãy dùng dấu chấm (0.75), hoặc đặt số trong ngoặc kép ("0,75"), hoặc dùng dấu chấm phẩy làm dấu phân cách.' },
      { row: 4, message: expect.stringContaining('Dòng 4 có 2 ô, tiêu đề có 3 ô — thiếu ô') },
      { row: 6, message: expect.stringContaining('Dòng 6 có 4 ô, tiêu đề có 3 ô — dấu phẩy thập phân?') },
    ]);
    expect(e.message).toContain('3 dòng');
  });

  it('name the line the row starts on when an earlier cell spans lines', async () => {
    const e = await refusal(readTable(Buffer.from('code,name\na,"Sở\nNội vụ"\n\nb,c,d\n')));
    expect(e.issues).toEqual([{ row: 5, message: expect.stringContaining('Dòng 5 có 3 ô, tiêu đề có 2 ô — có dấu phẩy trong nội dung một ô?') }]);
  });

  it('come with their problem from the streamed reader; a respondent list refuses every one of them', async () => {
    const rows = await streamed(Buffer.from(decimalComma));
    expect(rows.filter((r) => r.widthProblem).map((r) => r.row)).toEqual([3, 4, 6]);
    const e = await refusal(readRespondentList(Buffer.from('Họ và tên,Email\nNguyễn Văn A,a@x.vn\nTrần B,b@x.vn,thừa\nLê C\n'), []));
    expect(e.issues).toEqual([
      { row: 3, message: expect.stringContaining('Dòng 3 có 3 ô, tiêu đề có 2 ô') },
      { row: 4, message: expect.stringContaining('Dòng 4 có 1 ô, tiêu đề có 2 ô') },
    ]);
  });
});

describe('encodings refused', () => {
  it('invalid UTF-8 that no Vietnamese or Western code page fits is refused, naming what was found and how to save as UTF-8', async () => {
    const sjis = iconv.encode('コード,名前\r\nA1,東京都庁の部署名です\r\nA2,大阪府庁の部署名です\r\n', 'shift_jis');
    const e = await refusal(readTable(sjis));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toContain("mã hóa ký tự của tệp là Shift_JIS");
    expect(e.message).toContain('Lưu lại tệp dưới dạng CSV UTF-8 trong Excel: Tệp → Lưu thành → CSV UTF-8');
    const streamedRefusal = await refusal(streamed(sjis));
    expect(streamedRefusal.message).toBe(e.message);
  });

  it('a UTF-8 file broken after the sample the encoding was chosen from is refused while streaming', async () => {
    const head = Buffer.from(`a;b\r\n${'x;Sở Nội vụ\r\n'.repeat(8000)}`);
    const buf = Buffer.concat([head, Buffer.from([0x78, 0x3b, 0xff, 0x0d, 0x0a])]);
    expect(head.length).toBeGreaterThan(64 * 1024);
    const e = await refusal(streamed(buf, 4096));
    expect(e.message).toContain('không phải UTF-8 hợp lệ');
    expect((await refusal(readTable(buf))).message).toContain('CSV UTF-8');
  });

  it('UTF-16 without a BOM and binary files are refused', async () => {
    expect((await refusal(readTable(Buffer.from('code,name\r\nso-a,Sở A\r\n', 'utf16le')))).message).toContain('UTF-16 LE không có BOM');
    expect((await refusal(readTable(Buffer.from([1, 2, 0, 0, 5, 6, 7])))).message).toContain('không phải là CSV');
  });
});
