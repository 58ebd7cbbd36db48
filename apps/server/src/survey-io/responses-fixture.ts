/**
 * A deterministic response file for tests and benchmarks: n rows for the SIPAS sample
 * questionnaire, with 1% bad rows (one in each hundred, of nine kinds in turn) and what the
 * rejection of each must say. Used by responses-import.test.ts (the reader) and
 * services/surveys/survey-import-100k.int.test.ts (the import into the database).
 */

/** Unit codes u001…u150, as the reader's tests pass them. */
export const SAMPLE_UNITS = Array.from({ length: 150 }, (_, i) => `u${String(i + 1).padStart(3, '0')}`);
/** The satisfaction items C1…C15 of the SIPAS sample. */
export const C = Array.from({ length: 15 }, (_, k) => `C${k + 1}`);
export const HEADER = ['Mã phiếu', 'Nhóm đối tượng', 'Đơn vị được đánh giá', 'Thời gian trả lời (giây)', 'Nộp lúc', 'A1', 'A2', 'A3', 'A4', 'B1', 'B2', ...C, 'D1', 'D2'];
export const uuidOf = (i: number) => `${(0x10000000 + i).toString(16)}-AAAA-4BBB-8CCC-${String(i).padStart(12, '0')}`;

/** The bad kinds, one per 100 rows in turn, with what the rejection must say. */
const BAD: [string, (cells: Record<string, string>, prev: Record<string, string>) => void][] = [
  ['phương án "9" không có trong câu C3', (c) => { c.C3 = '9'; }],
  ['đơn vị "khong-ton-tai" không có trong danh sách', (c) => { c['Đơn vị được đánh giá'] = 'khong-ton-tai'; }],
  ['chưa trả lời câu bắt buộc B1', (c) => { c.B1 = ''; }],
  ['thời gian trả lời "abc"', (c) => { c['Thời gian trả lời (giây)'] = 'abc'; }],
  ['nhóm đối tượng "khach" không có trong phiếu', (c) => { c['Nhóm đối tượng'] = 'khach'; }],
  ['trùng với dòng', (c, prev) => { c['Mã phiếu'] = prev['Mã phiếu']; }],
  ['câu A4 không dành cho nhóm "nguoi_dan"', (c) => { c.A4 = '1'; }],
  ['phương án "9" không có trong câu D1', (c) => { c.D1 = '1;9'; }],
  ['thời điểm "hôm qua" không hợp lệ', (c) => { c['Nộp lúc'] = 'hôm qua'; }],
];

/** Data row i (file row i + 2): deterministic answers; every hundredth row from 37 on is spoiled. */
function rowCells(i: number, prev: Record<string, string> | undefined, units: readonly string[]): { cells: Record<string, string>; bad?: string } {
  const org = i % 10 === 0;
  const cells: Record<string, string> = {
    'Mã phiếu': i % 3 === 0 ? uuidOf(i) : i % 3 === 1 || i % 100 === 36 ? `P-${i}` : '',
    'Nhóm đối tượng': org ? 'to_chuc' : 'nguoi_dan',
    'Đơn vị được đánh giá': units[i % units.length],
    'Thời gian trả lời (giây)': String(60 + (i % 300)),
    'Nộp lúc': new Date(Date.UTC(2025, 10, 1) + i * 1000).toISOString(),
    A1: org ? '' : String(1 + (i % 2)), A2: org ? '' : String(1 + (i % 4)), A3: org ? '' : String(1 + (i % 4)), A4: org ? String(1 + (i % 4)) : '',
    B1: String(1 + (i % 3)), B2: String(1 + (i % 3)),
    D1: i % 4 === 0 ? '1;3' : '', D2: i % 7 === 0 ? 'Cần thêm chỗ ngồi, máy lấy số' : '',
  };
  C.forEach((c, k) => { cells[c] = String(((i * 7 + k * 3) % 5) + 1); });
  if (i % 11 === 0) cells.C14 = '0';
  if (i % 100 !== 37) return { cells };
  const [reason, spoil] = BAD[Math.floor(i / 100) % BAD.length];
  spoil(cells, prev!);
  return { cells, bad: reason };
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** The file (UTF-8 with BOM, CRLF) and, per bad file row, the text its rejection must contain. Units in turn from `units`. */
export function generateResponsesCsv(n: number, units: readonly string[] = SAMPLE_UNITS): { csv: Buffer; bad: Map<number, string> } {
  const lines = [HEADER.join(',')];
  const bad = new Map<number, string>();
  let prev: Record<string, string> | undefined;
  for (let i = 0; i < n; i++) {
    const { cells, bad: reason } = rowCells(i, prev, units);
    if (reason) bad.set(i + 2, reason);
    lines.push(HEADER.map((h) => csvCell(cells[h] ?? '')).join(','));
    prev = cells;
  }
  return { csv: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), bad };
}

