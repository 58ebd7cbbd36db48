/**
 * Draft decision approving and publishing the PAR Index (Quyết định phê duyệt và công bố Chỉ số
 * CCHC), laid out as Nghị định 30/2020/NĐ-CP asks of an administrative document: A4, margins
 * 20/20/30/15 mm (top/bottom/left/right), Times New Roman 13–14 pt, the two-column heading without
 * borders (issuing body and number | Quốc hiệu, Tiêu ngữ, place and date), page numbers centred at
 * the top from page 2; then the annex with the results tables per peer group, in landscape.
 */
import type { UnitResultDto } from '@parindex/contracts';
import { dec } from '@parindex/engine';
import {
  AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, PageOrientation, Paragraph, Table, TableBorders, TableCell,
  TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType, convertMillimetersToTwip,
} from 'docx';
import type { DocumentData } from './document-data.ts';
import {
  BLANK, DRAFT_MARK, adjustment, decisionRef, fullDecisionNumber, isDraftCycle, exclusionShort, hasAdjustments, hasChanges, rankChangeText, roman, signedVi, subjectOf, vi, viDateLine,
} from './document-format.ts';
import { correctionLine } from './publication-ref.ts';
import { annexTitles } from './results-workbook.ts';

export interface DecisionOptions {
  /** "125/QĐ-UBND" (a bare "125" is completed); blank in a draft. A published cycle prints its stored publication's. */
  number?: string;
  /** Signing date; blanks ("ngày … tháng … năm 2026") in a draft. A published cycle prints its stored publication's. */
  date?: Date;
  /** Province name ("Sơn Hà"); default from the cycle's name. */
  province?: string;
  /** Who signs: name, and "CHỦ TỊCH" (default) or a vice-chair signing for the chair (KT. CHỦ TỊCH / PHÓ CHỦ TỊCH). */
  signer?: { name: string; viceChair?: boolean };
  /** The proposal of Sở Nội vụ ("Tờ trình số 45/TTr-SNV ngày 02/3/2026"); blanks by default. */
  proposal?: string;
}

const FONT = 'Times New Roman';
const A4 = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
const BODY_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const ANNEX_MARGIN = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(15), left: convertMillimetersToTwip(20), right: convertMillimetersToTwip(15) };
const ANNEX_WIDTH = A4.height - ANNEX_MARGIN.left - ANNEX_MARGIN.right;
/** Half-points. */
const PT = (pt: number) => pt * 2;

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; break?: number };
const run = (r: Run | string) => {
  const o = typeof r === 'string' ? { text: r } : r;
  return new TextRun({ text: o.text.normalize('NFC'), bold: o.bold, italics: o.italics, size: PT(o.size ?? 14), font: FONT, break: o.break });
};

interface Para {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  before?: number;
  after?: number;
  keepNext?: boolean;
}
const para = (runs: (Run | string)[], p: Para = {}) =>
  new Paragraph({
    children: runs.map(run),
    alignment: p.align ?? AlignmentType.JUSTIFIED,
    indent: p.indent ? { firstLine: convertMillimetersToTwip(12.7) } : undefined,
    spacing: { before: p.before ?? 0, after: p.after ?? 0, line: 276 },
    keepNext: p.keepNext,
  });
const centred = (runs: (Run | string)[], after = 0) => para(runs, { align: AlignmentType.CENTER, after });

/** A short centred rule under a heading line: an empty paragraph whose bottom border is narrowed by indents. */
const rule = (cellWidth: number, length: number) =>
  new Paragraph({
    children: [],
    indent: { left: Math.round((cellWidth - length) / 2), right: Math.round((cellWidth - length) / 2) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { before: 0, after: 120, line: 120 },
  });

const noBorderCell = (children: Paragraph[], width: number) =>
  new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: TableBorders.NONE });

/** Two borderless columns side by side (the heading, the signature block), `leftShare` of the width on the left. */
function twoColumns(leftShare: number, cells: (widths: { left: number; right: number }) => [Paragraph[], Paragraph[]], cantSplit = false): Table {
  const left = Math.round(BODY_WIDTH * leftShare), right = BODY_WIDTH - left;
  const [l, r] = cells({ left, right });
  return new Table({
    width: { size: BODY_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ cantSplit, children: [noBorderCell(l, left), noBorderCell(r, right)] })],
  });
}

function headingTable(data: DocumentData, o: DecisionOptions, province: string): Table {
  const year = o.date?.getFullYear() ?? data.results.cycle.year + 1;
  const number = o.number ? `Số: ${fullDecisionNumber(o.number)}` : 'Số:        /QĐ-UBND';
  // Nghị định 30/2020: the issuing body on the left, the national heading on the right — wide enough
  // for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" on one line in 13 pt bold (about 108 mm).
  return twoColumns(0.33, ({ left, right }) => [
    [
      centred([{ text: 'ỦY BAN NHÂN DÂN', bold: true, size: 13 }]),
      centred([{ text: `TỈNH ${province.toUpperCase()}`, bold: true, size: 13 }]),
      rule(left, convertMillimetersToTwip(22)),
      centred([{ text: number, size: 13 }]),
    ],
    [
      centred([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true, size: 13 }]),
      centred([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, size: 14 }]),
      rule(right, convertMillimetersToTwip(58)),
      centred([{ text: `${province}, ${viDateLine(o.date, year)}`, italics: true, size: 14 }]),
    ],
  ]);
}

function signatureTable(o: DecisionOptions): Table {
  const recipients = [
    'Như Điều 3;',
    'Bộ Nội vụ (để báo cáo);',
    'Thường trực Tỉnh ủy (để báo cáo);',
    'Thường trực HĐND tỉnh (để báo cáo);',
    'Chủ tịch, các Phó Chủ tịch UBND tỉnh;',
    'Cổng Thông tin điện tử tỉnh;',
    'Lưu: VT, SNV.',
  ];
  const title = o.signer?.viceChair ? ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'] : ['CHỦ TỊCH'];
  return twoColumns(
    0.5,
    () => [
      [
        para([{ text: 'Nơi nhận:', bold: true, italics: true, size: 12 }], { align: AlignmentType.LEFT }),
        ...recipients.map((r) => para([{ text: `- ${r}`, size: 11 }], { align: AlignmentType.LEFT })),
      ],
      [
        ...title.map((t) => centred([{ text: t, bold: true, size: 14 }])),
        ...Array.from({ length: 4 }, () => centred([''])),
        centred([{ text: o.signer?.name ?? BLANK, bold: true, size: 14 }]),
      ],
    ],
    true,
  );
}

function decisionBody(data: DocumentData, o: DecisionOptions, province: string): (Paragraph | Table)[] {
  const { cycle } = data.results;
  const subject = subjectOf(data.results);
  const rubric = data.rubric;
  const basis = rubric?.basis
    ? `Căn cứ ${rubric.basis} ban hành ${rubric.name};`
    : `Căn cứ Quyết định số ${BLANK}/QĐ-UBND ngày ${BLANK} của Ủy ban nhân dân tỉnh ${province} ban hành Bộ Chỉ số cải cách hành chính ${subject} năm ${cycle.year};`;
  const proposal = o.proposal ?? `Tờ trình số        /TTr-SNV ngày ${BLANK}`;
  const groups = data.results.groups.map((g, i) => {
    const s = g.summary;
    const top = g.units.filter((u) => u.rank === 1).map((u) => u.unitName).join(', ');
    return para([
      `${i + 1}. ${s.name} (${s.count} đơn vị): chỉ số trung bình ${vi(s.meanIndex)}%; cao nhất ${vi(s.highestIndex)}% (${top}); thấp nhất ${vi(s.lowestIndex)}%; `
        + `xếp loại ${s.classCounts.filter((c) => c.count > 0).map((c) => `${c.label}: ${c.count} đơn vị`).join(', ')}.`,
    ], { indent: true, after: 60 });
  });
  return [
    headingTable(data, o, province),
    new Paragraph({ children: [], spacing: { after: 240 } }),
    centred([{ text: 'QUYẾT ĐỊNH', bold: true, size: 14 }]),
    centred([{ text: `Về việc phê duyệt và công bố Chỉ số cải cách hành chính năm ${cycle.year} của ${subject} trên địa bàn tỉnh ${province}`, bold: true, size: 14 }]),
    ...(correctionLine(data.publication) ? [centred([{ text: `(${correctionLine(data.publication)})`, italics: true, size: 14 }])] : []),
    rule(BODY_WIDTH, convertMillimetersToTwip(40)),
    centred([{ text: `CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH ${province.toUpperCase()}`, bold: true, size: 14 }], 240),
    para([{ text: 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;', italics: true }], { indent: true, after: 80 }),
    para([{ text: 'Căn cứ Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030;', italics: true }], { indent: true, after: 80 }),
    para([{ text: basis, italics: true }], { indent: true, after: 80 }),
    para([{ text: `Theo đề nghị của Giám đốc Sở Nội vụ tại ${proposal}.`, italics: true }], { indent: true, after: 120 }),
    centred([{ text: 'QUYẾT ĐỊNH:', bold: true, size: 14 }], 160),
    para([{ text: 'Điều 1. ', bold: true }, `Phê duyệt và công bố Chỉ số cải cách hành chính năm ${cycle.year} của ${subject} trên địa bàn tỉnh ${province}, cụ thể như sau:`], { indent: true, after: 60 }),
    ...groups,
    para([{ text: '(Chi tiết kết quả điểm, chỉ số, xếp loại, xếp hạng của từng cơ quan, đơn vị tại Phụ lục kèm theo Quyết định này).', italics: true }], { indent: true, after: 120 }),
    para([{ text: 'Điều 2. ', bold: true }, 'Tổ chức thực hiện'], { indent: true, after: 60 }),
    para([`1. Sở Nội vụ có trách nhiệm công bố kết quả Chỉ số cải cách hành chính năm ${cycle.year} trên Cổng Thông tin điện tử tỉnh và các phương tiện thông tin đại chúng; theo dõi, đôn đốc các cơ quan, đơn vị khắc phục những tồn tại, hạn chế qua kết quả đánh giá.`], { indent: true, after: 60 }),
    para([`2. Các sở, ban, ngành tỉnh và UBND các xã, phường căn cứ kết quả Chỉ số cải cách hành chính năm ${cycle.year}, phân tích những tiêu chí, tiêu chí thành phần bị mất điểm; xây dựng kế hoạch khắc phục và đề ra giải pháp nâng cao hiệu quả công tác cải cách hành chính trong năm ${cycle.year + 1}.`], { indent: true, after: 120 }),
    para([{ text: 'Điều 3. ', bold: true }, `Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các sở, ban, ngành tỉnh, Chủ tịch UBND các xã, phường và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.`], { indent: true, after: 240 }),
    signatureTable(o),
  ];
}

const HEAD_SHADE = { fill: 'E7E6E6', type: 'clear' as const, color: 'auto' };
const thinBorders = {
  top: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  left: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  right: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  insideHorizontal: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
  insideVertical: { style: BorderStyle.SINGLE, size: 4, color: '000000' },
};

function cell(text: string, width: number, o: { bold?: boolean; italics?: boolean; align?: Para['align']; head?: boolean; span?: number; rowSpan?: number } = {}) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: o.span,
    rowSpan: o.rowSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    shading: o.head ? HEAD_SHADE : undefined,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [para([{ text, bold: o.bold ?? o.head, italics: o.italics, size: 11 }], { align: o.align ?? AlignmentType.CENTER })],
  });
}

function annexTable(data: DocumentData, gi: number): Table {
  const g = data.results.groups[gi];
  const adj = hasAdjustments(data.results);
  const prev = hasChanges(data.results);
  // Column widths in twips; the unit name and note columns take what is left.
  // STT needs about 600 twips of text width in 11 pt bold, plus the cell margins, so it never wraps.
  const fixed = { stt: 700, pts: 1000, max: 900, idx: 900, cls: 1050, rank: 800, dIdx: 950, dRank: 1500 };
  const pointCols = adj ? 4 : 3;
  const used = fixed.stt + fixed.pts * pointCols + fixed.max + fixed.idx + fixed.cls + fixed.rank + (prev ? fixed.dIdx + fixed.dRank : 0);
  const rest = ANNEX_WIDTH - used;
  const name = Math.round(rest * 0.62), note = rest - name;
  const widths = [fixed.stt, name, ...Array(pointCols).fill(fixed.pts), fixed.max, fixed.idx, fixed.cls, fixed.rank, ...(prev ? [fixed.dIdx, fixed.dRank] : []), note];
  const indexCol = 2 + pointCols + 1;
  const h = (text: string, w: number, o: { span?: number; rowSpan?: number } = {}) => cell(text, w, { head: true, ...o });
  const head1 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      h('STT', fixed.stt, { rowSpan: 2 }), h('Đơn vị', name, { rowSpan: 2 }),
      h('Điểm đạt được', fixed.pts * pointCols, { span: pointCols }),
      h('Điểm tối đa', fixed.max, { rowSpan: 2 }), h('Chỉ số (%)', fixed.idx, { rowSpan: 2 }), h('Xếp loại', fixed.cls, { rowSpan: 2 }), h('Xếp hạng', fixed.rank, { rowSpan: 2 }),
      ...(prev ? [h('So với năm trước', fixed.dIdx + fixed.dRank, { span: 2 })] : []),
      h('Ghi chú', note, { rowSpan: 2 }),
    ],
  });
  const head2 = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: [
      h('Thẩm định', fixed.pts), h('Điều tra XHH', fixed.pts), ...(adj ? [h('Thưởng (+), trừ (−)', fixed.pts)] : []), h('Tổng điểm', fixed.pts),
      ...(prev ? [h('Chỉ số (%)', fixed.dIdx), h('Thứ hạng', fixed.dRank)] : []),
    ],
  });
  const R = AlignmentType.RIGHT, L = AlignmentType.LEFT;
  const unitRow = (u: UnitResultDto) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(String(u.order), fixed.stt),
        cell(u.unitName, name, { align: L }),
        cell(vi(u.appraised), fixed.pts, { align: R }),
        cell(vi(u.survey), fixed.pts, { align: R }),
        ...(adj ? [cell(signedVi(adjustment(u)), fixed.pts, { align: R })] : []),
        cell(vi(u.total), fixed.pts, { align: R, bold: true }),
        cell(vi(u.max), fixed.max, { align: R }),
        cell(vi(u.index), fixed.idx, { align: R, bold: true }),
        cell(u.classification, fixed.cls),
        cell(String(u.rank), fixed.rank, { bold: true }),
        ...(prev ? [cell(u.change?.indexDelta ? signedVi(u.change.indexDelta) : '', fixed.dIdx, { align: R }), cell(rankChangeText(u), fixed.dRank, { align: L })] : []),
        cell(exclusionShort(u), note, { align: L }),
      ],
    });
  const s = g.summary;
  const span = widths.length;
  const figureRow = (label: string, value: string) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(label, widths.slice(0, indexCol).reduce((a, b) => a + b, 0), { span: indexCol, align: R, bold: true, italics: true }),
        cell(value, fixed.idx, { bold: true, italics: true, align: R }),
        cell('', widths.slice(indexCol + 1).reduce((a, b) => a + b, 0), { span: span - indexCol - 1 }),
      ],
    });
  const unitsAt = (index: string) => g.units.filter((u) => dec(u.index).equals(dec(index))).map((u) => u.unitName).join(', ');
  return new Table({
    width: { size: ANNEX_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: thinBorders,
    rows: [
      head1,
      head2,
      ...g.units.map(unitRow),
      figureRow('Chỉ số trung bình của nhóm', vi(s.meanIndex)),
      figureRow(`Chỉ số cao nhất: ${unitsAt(s.highestIndex)}`, vi(s.highestIndex)),
      figureRow(`Chỉ số thấp nhất: ${unitsAt(s.lowestIndex)}`, vi(s.lowestIndex)),
      new TableRow({
        cantSplit: true,
        children: [cell(`Số đơn vị theo xếp loại: ${s.classCounts.map((c) => `${c.label}: ${c.count}`).join('; ')}`, ANNEX_WIDTH, { span, align: L, bold: true, italics: true })],
      }),
    ],
  });
}

function annex(data: DocumentData, o: DecisionOptions, province: string): (Paragraph | Table)[] {
  const titles = annexTitles({ ...data, province }, { decisionRef: decisionRef(o.number, o.date) });
  const out: (Paragraph | Table)[] = [
    centred([{ text: titles.label, bold: true, size: 13 }]),
    centred([{ text: titles.title, bold: true, size: 13 }]),
    centred([{ text: titles.attached, italics: true, size: 13 }], titles.correction ? 0 : 200),
    ...(titles.correction ? [centred([{ text: titles.correction, italics: true, size: 13 }], 200)] : []),
  ];
  data.results.groups.forEach((g, gi) => {
    out.push(para([{ text: `${roman(gi + 1)}. ${g.summary.name.toUpperCase()} (${g.summary.count} đơn vị)`, bold: true, size: 12 }], { before: 160, after: 80, keepNext: true, align: AlignmentType.LEFT }));
    out.push(annexTable(data, gi));
  });
  const notes: string[] = [];
  for (const u of data.results.groups.flatMap((g) => g.units)) {
    if (u.exclusions.length)
      notes.push(`${u.unitName}: thang điểm rút gọn, điểm tối đa ${vi(u.max)}; không đánh giá ${u.exclusions.map((e) => `${e.nodeCode} — ${e.basis}`).join('; ')}.`);
  }
  if (data.results.groups.some((g) => g.units.some((u) => u.change?.basis === 'weighted')))
    notes.push('Đơn vị hợp nhất trong năm: chỉ số năm trước là bình quân gia quyền của các đơn vị trước hợp nhất; không so sánh thứ hạng.');
  notes.push('Chỉ số (%) = Tổng điểm ÷ Điểm tối đa × 100; số liệu làm tròn 2 chữ số thập phân; xếp loại theo chỉ số đã làm tròn; xếp hạng trong từng nhóm theo chỉ số.');
  out.push(para([{ text: 'Ghi chú:', bold: true, italics: true, size: 12 }], { before: 200, after: 40, align: AlignmentType.LEFT }));
  notes.forEach((n, i) => out.push(para([{ text: `(${i + 1}) ${n}`, italics: true, size: 12 }], { after: 40 })));
  return out;
}

const pageNumberHeader = () =>
  new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })] })] });

/** The draft decision with its annex, as a .docx buffer. */
export async function buildPublicationDecision(data: DocumentData, options: DecisionOptions = {}): Promise<Buffer> {
  // A published cycle's decision is the one it was published under, whatever the caller typed.
  const pub = data.publication;
  const o: DecisionOptions = pub ? { ...options, number: pub.decisionNumber, date: pub.decisionDate } : options;
  const province = o.province ?? data.province ?? BLANK;
  const doc = new Document({
    creator: 'ParIndex',
    title: `Quyết định phê duyệt và công bố Chỉ số CCHC năm ${data.results.cycle.year}`,
    styles: { default: { document: { run: { font: FONT, size: PT(14) } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: MARGIN } },
        // The first page of an unpublished cycle's decision carries "DỰ THẢO" above the heading, as drafts circulated for signature do.
        headers: { default: pageNumberHeader(), first: new Header({ children: isDraftCycle(data.results.cycle.status) ? [para([{ text: DRAFT_MARK, bold: true, size: 13 }], { align: AlignmentType.LEFT })] : [] }) },
        children: decisionBody(data, o, province),
      },
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: ANNEX_MARGIN } },
        headers: { default: pageNumberHeader() },
        children: annex(data, o, province),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
