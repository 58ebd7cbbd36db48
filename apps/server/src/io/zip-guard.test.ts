/**
 * Uploaded ZIP containers are checked before anything inflates them (zip-guard.ts), and the table
 * readers refuse rows, columns and cells beyond their limits and never quote more than a clip of
 * a cell. The bombs here are real: JSZip compresses 300 MB of one character at level 9 into a few
 * hundred kilobytes, streamed, so the test itself never holds 300 MB either.
 */
import { PassThrough, Readable } from 'node:stream';
import { AppError } from '@parindex/contracts';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportRubricXlsx, importRubricXlsx } from '../rubric-io/rubric-xlsx.ts';
import { sampleRubric } from '../rubric-io/sample-rubric.ts';
import { exportQuestionnaireXlsx, importQuestionnaireWorkbook } from '../survey-io/questionnaire-xlsx.ts';
import { readRespondentList } from '../survey-io/respondent-list.ts';
import { importResponses } from '../survey-io/responses-import.ts';
import { exportResponsesTemplate } from '../survey-io/responses-template.ts';
import { sampleSipasQuestionnaire } from '../survey-io/sample-questionnaires.ts';
import { readTableRows } from './table-rows.ts';
import { clip } from './clip.ts';
import { columnLetter, readTable } from './table-reader.ts';
import { assertSafeZip, ZIP_LIMITS } from './zip-guard.ts';

const MB = 1024 * 1024;
const SHARED_STRINGS_REFUSAL = 'phần chuỗi văn bản (sharedStrings) giải nén vượt quá 20 MB';

async function workbook(rows: (string | number)[][] = [['Mã', 'Tên'], ['a', 'Sở Nội vụ']]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bảng');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A stream of `size` MB of one character between a prefix and a suffix, made of one reused 1 MB buffer. */
function repeated(prefix: string, size: number, suffix: string): Readable {
  const chunk = Buffer.alloc(MB, 'A');
  return Readable.from((function* () {
    yield Buffer.from(prefix);
    for (let i = 0; i < size; i++) yield chunk;
    yield Buffer.from(suffix);
  })());
}

/** A real workbook with one part replaced by a stream, compressed by JSZip at DEFLATE level 9. */
async function withPart(name: string, content: Readable, base?: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(base ?? (await workbook()));
  zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** The incident: an XLSX whose sharedStrings.xml is `size` MB of one repeated character. */
function sharedStringsBomb(size: number): Promise<Buffer> {
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>';
  return withPart('xl/sharedStrings.xml', repeated(head, size, '</t></si></sst>'));
}

let made: Promise<Buffer> | undefined;
/** The 300 MB bomb, made once for the file (JSZip takes ~15 s to compress 300 MB). */
const theBomb = () => (made ??= sharedStringsBomb(300));

/** Where each header of `name` starts: its local header (signature PK\3\4) and its central directory record (PK\1\2). */
function headersOf(buf: Buffer, name: string): { local: number[]; central: number[] } {
  const raw = Buffer.from(name);
  const out = { local: [] as number[], central: [] as number[] };
  for (let at = buf.indexOf('PK'); at >= 0; at = buf.indexOf('PK', at + 1)) {
    const sig = buf.readUInt32LE(at);
    if (sig === 0x04034b50 && buf.subarray(at + 30, at + 30 + raw.length).equals(raw) && buf.readUInt16LE(at + 26) === raw.length) out.local.push(at);
    if (sig === 0x02014b50 && buf.subarray(at + 46, at + 46 + raw.length).equals(raw) && buf.readUInt16LE(at + 28) === raw.length) out.central.push(at);
  }
  return out;
}

/** The archive with the declared uncompressed size of `name` overwritten, in its local header and in the central directory. */
function lyingAbout(buf: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(buf);
  const { local, central } = headersOf(out, name);
  expect(local).toHaveLength(1);
  expect(central).toHaveLength(1);
  out.writeUInt32LE(size, local[0] + 22);
  out.writeUInt32LE(size, central[0] + 24);
  return out;
}

async function refusal(run: () => Promise<unknown>): Promise<AppError> {
  try {
    await run();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('accepted');
}

/** The peak growth of the resident set (MB) while `run` runs, sampled every 5 ms. */
async function rssGrowthMb(run: () => Promise<unknown>): Promise<number> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  try {
    await run().catch(() => undefined);
  } finally {
    clearInterval(sample);
  }
  return (Math.max(peak, process.memoryUsage().rss) - before) / MB;
}

describe('assertSafeZip', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await theBomb();
  }, 120_000);

  it('lets real files through: workbooks from both ExcelJS writers (one with data descriptors) and a DOCX', async () => {
    const streamed: Buffer[] = [];
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough().on('data', (c: Buffer) => streamed.push(c)), useSharedStrings: true });
    writer.addWorksheet('Bảng').addRow(['Mã', 'Tên']).commit();
    await writer.commit();
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Quyết định công bố Chỉ số CCHC')] }] }));
    for (const file of [await workbook(), Buffer.concat(streamed), docx, await exportRubricXlsx(sampleRubric())]) {
      await expect(assertSafeZip(file, 'Tệp thử')).resolves.toBeUndefined();
    }
  });

  it('refuses a 300 MB shared-strings bomb from its declared size, naming the limit, without inflating it', async () => {
    expect(bomb.length).toBeLessThan(MB); // a few hundred kilobytes
    let error: AppError | undefined;
    const growth = await rssGrowthMb(async () => { error = await refusal(() => assertSafeZip(bomb, 'Tệp "bom.xlsx"')); });
    expect(error!.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error!.message).toContain(`Tệp "bom.xlsx" bị từ chối: ${SHARED_STRINGS_REFUSAL}`);
    expect(error!.message.length).toBeLessThan(500);
    expect(growth).toBeLessThan(200);
    console.info(`bomb ${(bomb.length / 1024).toFixed(0)} KB → 300 MB: refused, RSS +${growth.toFixed(1)} MB`);
  });

  it('stops a part whose central directory lies about its size as soon as it inflates past the declared size', async () => {
    const liar = lyingAbout(bomb, 'xl/sharedStrings.xml', 1_000_000); // declared 1 MB: under every limit, ratio 3:1
    let error: AppError | undefined;
    const started = Date.now();
    const growth = await rssGrowthMb(async () => { error = await refusal(() => assertSafeZip(liar, 'Tệp "bom.xlsx"')); });
    expect(error!.code).toBe('INVALID_FILE');
    expect(error!.message).toContain('phần chuỗi văn bản (sharedStrings): kích thước giải nén thực khác với kích thước khai báo');
    expect(error!.message.length).toBeLessThan(500);
    expect(growth).toBeLessThan(200);
    expect(Date.now() - started).toBeLessThan(5_000); // stopped after ~1 MB, not after 300
    console.info(`lying directory: refused, RSS +${growth.toFixed(1)} MB`);
  });

  it('refuses a part compressed like a bomb even under the size limits', async () => {
    const sheet = await withPart('xl/worksheets/sheet1.xml', repeated('<worksheet>', 10, '</worksheet>'));
    const e = await refusal(() => assertSafeZip(sheet, 'Tệp bảng tính (.xlsx)'));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toMatch(/^Tệp bảng tính \(\.xlsx\) bị từ chối: trang tính "xl\/worksheets\/sheet1\.xml" nén với tỷ lệ bất thường \([\d.]+:1, tối đa 100:1\)/);
  });

  it('refuses one cell of more than 1 MB of text while inflating, before an XML parser would build it', async () => {
    let seed = 7;
    const letters = Buffer.from(Array.from({ length: 2 * MB }, () => 97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26))); // compresses ~1.6:1
    const sheet = `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${letters}</t></is></c></row></sheetData></worksheet>`;
    const file = await withPart('xl/worksheets/sheet1.xml', Readable.from([Buffer.from(sheet)]));
    const e = await refusal(() => assertSafeZip(file, 'Tệp bảng tính (.xlsx)'));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.message).toBe('Tệp bảng tính (.xlsx) bị từ chối: trang tính "xl/worksheets/sheet1.xml" có một ô (hoặc thuộc tính) dài hơn 1 MB văn bản liền. Hãy rút gọn nội dung ô rồi tải lên lại.');
  });

  it('refuses an entry hidden between the listed ones, which a streaming reader would inflate unchecked', async () => {
    const file = await workbook();
    const hidden = await withPart('xl/sharedStrings.xml', repeated('<sst><si><t>', 1, '</t></si></sst>'), await new JSZip().generateAsync({ type: 'nodebuffer' }));
    const hiddenEntry = hidden.subarray(0, headersOf(hidden, 'xl/sharedStrings.xml').central[0]); // its local header and data
    const eocd = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const directory = file.readUInt32LE(eocd + 16);
    const crafted = Buffer.concat([file.subarray(0, directory), hiddenEntry, file.subarray(directory)]);
    crafted.writeUInt32LE(directory + hiddenEntry.length, eocd + hiddenEntry.length + 16); // the directory moved; its entries did not
    await expect(JSZip.loadAsync(crafted)).resolves.toBeDefined(); // still a valid ZIP for a directory reader
    const e = await refusal(() => assertSafeZip(crafted, 'Tệp bảng tính (.xlsx)'));
    expect(e.code).toBe('INVALID_FILE');
    expect(e.message).toContain('không khớp với mục lục của tệp');
  });

  it('refuses more entries than allowed, a name listed twice, and keeps limits given by the caller', async () => {
    const zip = new JSZip();
    for (let i = 0; i < 12; i++) zip.file(`part${i}.xml`, '<x/>');
    const many = await zip.generateAsync({ type: 'nodebuffer' });
    expect((await refusal(() => assertSafeZip(many, 'Tệp thử', { maxEntries: 10 }))).message).toBe('Tệp thử bị từ chối: có 12 phần nén, vượt quá giới hạn 10 phần.');

    const twice = Buffer.from(many);
    for (const at of Object.values(headersOf(twice, 'part1.xml')).flat()) twice.write('part0', at + (twice.readUInt32LE(at) === 0x04034b50 ? 30 : 46));
    expect((await refusal(() => assertSafeZip(twice, 'Tệp thử'))).message).toContain('phần "part0.xml" xuất hiện hai lần');

    const wide = await workbook([['Mã', 'Tên'], ...Array.from({ length: 2_000 }, (_, i) => [`u${i}`, `Đơn vị ${i}`])]);
    const e = await refusal(() => assertSafeZip(wide, 'Tệp thử', { maxWorksheetBytes: 10_000 }));
    expect(e.code).toBe('PAYLOAD_TOO_LARGE');
    expect(e.message).toMatch(/trang tính "xl\/worksheets\/sheet1\.xml" giải nén vượt quá 10 KB \(khai báo [\d,]+ (KB|MB)\)/);
    expect(ZIP_LIMITS.maxSharedStringsBytes).toBe(20 * MB);
  });

  it('refuses what is not a ZIP: text, a password-protected or legacy Office file, a truncated archive', async () => {
    const csv = await refusal(() => assertSafeZip(Buffer.from('Mã,Tên\na,b\n'), 'Tệp "a.xlsx"'));
    expect(csv.code).toBe('INVALID_FILE');
    expect(csv.message).toBe('Tệp "a.xlsx" bị từ chối: không phải là tệp Excel (.xlsx), Word (.docx) hay tệp nén ZIP. Hãy lưu tệp dưới dạng "Excel Workbook (.xlsx)" rồi tải lên lại.');
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect((await refusal(() => assertSafeZip(cfb, 'Tệp "a.xlsx"'))).message).toContain('đặt mật khẩu hoặc ở định dạng cũ (.xls, .doc)');
    const file = await workbook();
    const cut = await refusal(() => assertSafeZip(file.subarray(0, file.length - 100), 'Tệp "a.xlsx"'));
    expect(cut.code).toBe('INVALID_FILE');
    expect(cut.message).toContain('cấu trúc tệp nén bị hỏng hoặc không đầy đủ');
  });
});

describe('readers: the guard before ExcelJS, then rows, columns and cells', () => {
  let bomb: Buffer;
  beforeAll(async () => {
    bomb = await theBomb();
  }, 120_000);

  it('every XLSX reader refuses the bomb with the same message before inflating it; memory stays flat', async () => {
    const sipas = sampleSipasQuestionnaire();
    const chunked = () => Readable.from([bomb.subarray(0, 100_000), bomb.subarray(100_000)]);
    const readers: [string, () => Promise<unknown>][] = [
      ['table-reader', () => readTable(bomb)],
      ['questionnaire', () => importQuestionnaireWorkbook(bomb)],
      ['responses', () => importResponses(bomb, sipas)],
      ['responses, streamed upload', () => importResponses(chunked(), sipas)],
      ['respondent list', () => readRespondentList(bomb, [])],
      ['rubric', async () => {
        const r = await importRubricXlsx(bomb);
        if (!r.ok) throw new AppError('VALIDATION', r.issues[0].message);
      }],
    ];
    for (const [name, run] of readers) {
      let error: AppError | undefined;
      const growth = await rssGrowthMb(async () => { error = await refusal(run); });
      expect(error!.message, name).toContain(SHARED_STRINGS_REFUSAL);
      expect(error!.message.length, name).toBeLessThan(500);
      expect(growth, name).toBeLessThan(200);
    }
  });

  it('a normal workbook still reads, and so does a 100,000-row response workbook (80 MB of sheet XML) in the streaming reader', async () => {
    expect((await readTable(await workbook())).records).toEqual([{ row: 2, cells: { Mã: 'a', Tên: 'Sở Nội vụ' } }]);

    const header = ['Mã phiếu', 'Nhóm đối tượng', 'Đơn vị được đánh giá', ...Array.from({ length: 29 }, (_, i) => `C${i + 1}`)];
    const cells = (r: number) => header.map((_, c) => (c === 0 ? `<c r="A${r}" t="s"><v>${r}</v></c>` : `<c r="${columnLetter(c + 1)}${r}"><v>${((r * c) % 5) + 1}</v></c>`)).join('');
    const rows = function* () {
      yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
      yield Buffer.from(`<row r="1">${header.map((h, c) => `<c r="${columnLetter(c + 1)}1" t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`);
      for (let start = 2; start <= 100_001; start += 1000) {
        yield Buffer.from(Array.from({ length: Math.min(1000, 100_002 - start) }, (_, k) => `<row r="${start + k}">${cells(start + k)}</row>`).join(''));
      }
      yield Buffer.from('</sheetData></worksheet>');
    };
    const strings = Array.from({ length: 100_002 }, (_, i) => `<si><t>P-${String(i).padStart(8, '0')}-${(i * 7919) % 100_003}</t></si>`).join('');
    const zip = await JSZip.loadAsync(await workbook([['x']]));
    zip.file('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`);
    zip.file('xl/worksheets/sheet1.xml', Readable.from(rows()));
    const file = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
    const seen: string[][] = [];
    for await (const raw of readTableRows(file)) {
      seen.push(raw.values.slice(0, 3));
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([['Mã phiếu', 'Nhóm đối tượng', 'Đơn vị được đánh giá'], ['P-00000002-15838', '3', '5']]);
    console.info(`100,000-row response workbook: ${(file.length / MB).toFixed(1)} MB, read by the streaming reader`);
    await expect(refusal(() => readTable(file))).resolves.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' }); // the whole-workbook reader keeps its 80 MB limit
  }, 120_000);

  it('refuses a cell longer than 10,000 characters, naming row and column, in CSV and XLSX', async () => {
    const csv = await refusal(() => readTable(Buffer.from(`Mã,Tên\na,b\nc,${'x'.repeat(10_001)}\n`)));
    expect(csv.code).toBe('PAYLOAD_TOO_LARGE');
    expect(csv.message).toBe('Dòng 3, cột B ("Tên"): ô dài 10.001 ký tự; giới hạn là 10.000 ký tự. Hãy rút gọn nội dung ô rồi tải lên lại.');
    expect(csv.issues).toEqual([{ row: 3, field: 'Tên', message: csv.message }]);

    const long = 'Rất hài lòng. '.repeat(1_500);
    const xlsx = await refusal(async () => readTable(await workbook([['Mã', 'Tên', 'Ghi chú'], ['a', 'b', long]])));
    expect(xlsx.message).toMatch(/^Dòng 2, cột C \("Ghi chú"\): ô dài 20\.999 ký tự/);

    const sipas = sampleSipasQuestionnaire();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportResponsesTemplate(sipas)) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('Phiếu trả lời')!.getRow(2).getCell(1).value = long;
    const responses = await refusal(async () => importResponses(Buffer.from(await wb.xlsx.writeBuffer()), sipas));
    expect(responses.message).toMatch(/^Dòng 2, cột A \("Mã phiếu"\): ô dài 20\.999 ký tự; giới hạn là 10\.000 ký tự/);
  });

  it('refuses a row wider than 500 columns', async () => {
    const e = await refusal(() => readTable(Buffer.from(`${Array.from({ length: 501 }, (_, i) => `c${i}`).join(',')}\n`)));
    expect(e.message).toBe('Dòng 1 có 501 cột; giới hạn là 500 cột.');
    const wide = await workbook([['Mã', 'Tên'], ['a', 'b']]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(wide as unknown as ExcelJS.Buffer);
    wb.worksheets[0].getCell(3, 700).value = 'x';
    const rows = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await refusal(async () => { for await (const _ of readTableRows(rows)); })).message).toBe('Dòng 3 có 700 cột; giới hạn là 500 cột.');
  });

  it('rubric and questionnaire workbooks: a long cell is an issue naming sheet, row and column', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportRubricXlsx(sampleRubric())) as unknown as ExcelJS.Buffer);
    wb.getWorksheet('Bộ tiêu chí')!.getCell(5, 3).value = 'x'.repeat(12_000);
    const rubric = await importRubricXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rubric).toEqual({ ok: false, issues: [{ row: 5, field: 'C', message: "Trang 'Bộ tiêu chí', dòng 5, cột C: ô dài 12.000 ký tự; giới hạn là 10.000 ký tự." }] });
    for (let r = 1_000; r <= 6_000; r++) wb.getWorksheet('Thông tin')!.getCell(r, 1).value = 'x';
    const long = await importRubricXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(long.ok ? [] : long.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^Trang 'Thông tin' có 5\.0\d\d dòng; giới hạn là 5\.000 dòng\.$/));

    const q = new ExcelJS.Workbook();
    await q.xlsx.load((await exportQuestionnaireXlsx(sampleSipasQuestionnaire())) as unknown as ExcelJS.Buffer);
    q.getWorksheet('Câu hỏi')!.getCell(4, 3).value = 'x'.repeat(12_000);
    const e = await refusal(async () => importQuestionnaireWorkbook(Buffer.from(await q.xlsx.writeBuffer())));
    expect(e.code).toBe('VALIDATION');
    expect(e.issues).toEqual([{ row: 4, field: 'C', message: "Trang 'Câu hỏi', dòng 4, cột C: ô dài 12.000 ký tự; giới hạn là 10.000 ký tự." }]);
  });
});

describe('messages quote at most a clip of a cell', () => {
  it('clip keeps short text, cuts long text with "…" and never splits a surrogate pair', () => {
    expect(clip('Sở Nội vụ')).toBe('Sở Nội vụ');
    expect(clip('x'.repeat(500))).toBe(`${'x'.repeat(120)}…`);
    expect(clip(`${'x'.repeat(9)}😀`, 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('a 5,000-character wrong answer, unit, rule or vocabulary word is quoted clipped', async () => {
    const sipas = sampleSipasQuestionnaire();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportResponsesTemplate(sipas)) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Phiếu trả lời')!;
    const header = (ws.getRow(1).values as string[]).slice(1);
    const put = (values: Record<string, string>) => { for (const [h, v] of Object.entries(values)) ws.getRow(2).getCell(header.indexOf(h) + 1).value = v; };
    put({ 'Nhóm đối tượng': 'nguoi_dan', 'Đơn vị được đánh giá': 'u001', B1: '1', ...Object.fromEntries(Array.from({ length: 15 }, (_, k) => [`C${k + 1}`, '4'])), C7: 'y'.repeat(5_000) });
    const result = await importResponses(Buffer.from(await wb.xlsx.writeBuffer()), sipas, { unitCodes: ['u001'] });
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].reason).toContain(`phương án "${'y'.repeat(60)}…" không có trong câu C7`);
    expect(result.rejected[0].reason.length).toBeLessThan(300);

    const unit = await importResponses(Buffer.from(`Nhóm đối tượng,Đơn vị được đánh giá,B1\nnguoi_dan,${'u'.repeat(5_000)},1\n`), sipas, { unitCodes: ['u001'] });
    expect(unit.rejected[0].reason.length).toBeLessThan(300);

    const rubric = new ExcelJS.Workbook();
    await rubric.xlsx.load((await exportRubricXlsx(sampleRubric())) as unknown as ExcelJS.Buffer);
    const main = rubric.getWorksheet('Bộ tiêu chí')!;
    main.getCell(5, 5).value = `Mức: ${'z'.repeat(5_000)}`;
    main.getCell(6, 7).value = 'w'.repeat(5_000);
    const read = await importRubricXlsx(Buffer.from(await rubric.xlsx.writeBuffer()));
    expect(read.ok).toBe(false);
    if (!read.ok) for (const i of read.issues) expect(i.message.length, i.message.slice(0, 80)).toBeLessThan(500);

    const people = await refusal(() => readRespondentList(Buffer.from(`Họ và tên,Email\nNguyễn Văn A,${'e'.repeat(5_000)}\n`), []));
    expect(people.issues[0].message.length).toBeLessThan(300);
  });
});
