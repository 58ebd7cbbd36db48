/**
 * The PDF results report (báo cáo kết quả Chỉ số CCHC): a title page, the results table and a
 * bar chart of indices for each peer group, then one page per unit with its result, its field
 * component indices and the leaves where it lost most points. pdfmake with its bundled Roboto,
 * which carries every Vietnamese diacritic; charts are vector drawings (pdfmake canvas).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { DocumentData } from './document-data.ts';
import {
  DRAFT_MARK, adjustment, hasAdjustments, hasChanges, isDraftCycle, rankChangeText, roman, signedVi, subjectOf, vi, viDateLine, viShortDate,
} from './document-format.ts';
import { citationLine, correctionLine } from './publication-ref.ts';
import { INK, MUTED, RULE, classColour, grid, num, t, th } from './report-style.ts';
import { unitPage } from './report-unit-page.ts';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/fonts/Roboto.js')), 'Roboto');
pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
// The report embeds nothing from the network or the disk except the bundled fonts.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONT_DIR));

export interface ReportOptions {
  /** Date printed on the title page (default: today). */
  date?: Date;
  /** Leaves listed per unit under "bị mất nhiều điểm nhất" (default 10). */
  lostLeaves?: number;
}

const A4 = { w: 595.28, h: 841.89 };
const MARGIN = 40;
const LANDSCAPE_WIDTH = A4.h - 2 * MARGIN;
/** Bars per chart part: with its title, legend and axis it fits a landscape page. */
const CHART_ROWS = 32;

function titlePage(data: DocumentData, date: Date): Content[] {
  const { cycle } = data.results;
  const province = data.province ? `TỈNH ${data.province.toUpperCase()}` : 'TỈNH';
  const status = cycle.status === 'published' || cycle.status === 'closed' ? 'Kết quả đã được phê duyệt và công bố' : 'BẢN DỰ THẢO — kết quả chưa được công bố';
  const pub = data.publication;
  const chair = data.province ? `Chủ tịch UBND tỉnh ${data.province}` : 'Chủ tịch UBND tỉnh';
  const rows: TableCell[][] = [
    [th('Nhóm'), th('Số đơn vị'), th('Chỉ số trung bình (%)'), th('Cao nhất (%)'), th('Thấp nhất (%)'), th('Số đơn vị theo xếp loại')],
    ...data.results.groups.map((g): TableCell[] => [
      t(g.summary.name),
      num(String(g.summary.count)),
      num(vi(g.summary.meanIndex)),
      num(vi(g.summary.highestIndex)),
      num(vi(g.summary.lowestIndex)),
      t(g.summary.classCounts.filter((c) => c.count > 0).map((c) => `${c.label}: ${c.count}`).join('; ')),
    ]),
  ];
  return [
    { columns: [{ width: '*', stack: [t(`UBND ${province}`), { text: t('SỞ NỘI VỤ'), bold: true }], alignment: 'center', fontSize: 11 }, { width: '*', text: '' }] },
    { text: '', margin: [0, 150, 0, 0] },
    { text: t('BÁO CÁO'), fontSize: 20, bold: true, alignment: 'center', characterSpacing: 2 },
    { text: t(`KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${cycle.year}`), fontSize: 16, bold: true, alignment: 'center', margin: [0, 10, 0, 4] },
    { text: t(`của ${subjectOf(data.results)}${data.province ? ` tỉnh ${data.province}` : ''}`), fontSize: 13, alignment: 'center' },
    { text: t(cycle.name), fontSize: 10, italics: true, color: MUTED, alignment: 'center', margin: [0, 14, 0, 0] },
    { text: t(status), fontSize: 10, bold: true, color: cycle.status === 'published' || cycle.status === 'closed' ? '#1e7b4a' : '#b83232', alignment: 'center', margin: [0, 4, 0, pub ? 4 : 40] },
    // The decision the results were published under and, for a correction, why it was corrected.
    ...(pub
      ? [
          { text: t(`Công bố theo ${citationLine(pub)} của ${chair}`), fontSize: 10, alignment: 'center' } as Content,
          ...(correctionLine(pub) ? [{ text: t(correctionLine(pub)!), fontSize: 10, italics: true, alignment: 'center' } as Content] : []),
          { text: '', margin: [0, 0, 0, 32] } as Content,
        ]
      : []),
    { table: { headerRows: 1, widths: ['*', 40, 62, 50, 50, 130], body: rows }, layout: grid, fontSize: 9 },
    {
      text: t('Chỉ số (%) = Tổng điểm ÷ Điểm tối đa × 100, làm tròn 2 chữ số thập phân; xếp hạng trong từng nhóm theo chỉ số. Các đơn vị có thang điểm rút gọn được ghi rõ căn cứ ở trang của đơn vị.'),
      fontSize: 8, color: MUTED, margin: [0, 8, 0, 0],
    },
    { text: t(`${data.province ?? ''}${data.province ? ', ' : ''}${viDateLine(date, date.getFullYear())}`), italics: true, alignment: 'center', margin: [0, 120, 0, 0], fontSize: 11 },
  ];
}

function groupTable(data: DocumentData, gi: number): Content[] {
  const g = data.results.groups[gi];
  const adj = hasAdjustments(data.results);
  const prev = hasChanges(data.results);
  const head1: TableCell[] = [
    th('STT', { rowSpan: 2 }), th('Đơn vị', { rowSpan: 2 }),
    th('Điểm đạt được', { colSpan: adj ? 4 : 3 }), {}, {}, ...(adj ? [{}] : []),
    th('Điểm tối đa', { rowSpan: 2 }), th('Chỉ số (%)', { rowSpan: 2 }), th('Xếp loại', { rowSpan: 2 }), th('Xếp hạng', { rowSpan: 2 }),
    ...(prev ? [th('So với năm trước', { colSpan: 3 }), {}, {}] : []),
  ];
  const head2: TableCell[] = [
    {}, {}, th('Thẩm định'), th('Điều tra XHH'), ...(adj ? [th('Thưởng/trừ')] : []), th('Tổng điểm'),
    {}, {}, {}, {}, ...(prev ? [th('Điểm'), th('Chỉ số'), th('Thứ hạng')] : []),
  ];
  const body: TableCell[][] = [head1, head2];
  for (const u of g.units) {
    body.push([
      num(String(u.order), { alignment: 'center' }),
      { text: t(u.unitName) + (u.exclusions.length ? ' *' : '') },
      num(vi(u.appraised)), num(vi(u.survey)), ...(adj ? [num(signedVi(adjustment(u)))] : []), num(vi(u.total), { bold: true }),
      num(vi(u.max)),
      num(vi(u.index), { bold: true }),
      { text: t(u.classification), alignment: 'center', color: classColour(data, gi, u.classification) },
      num(String(u.rank), { alignment: 'center', bold: true }),
      ...(prev
        ? [
            num(u.change?.totalDelta ? signedVi(u.change.totalDelta) : ''),
            num(u.change?.indexDelta ? signedVi(u.change.indexDelta) : ''),
            { text: t(u.change?.basis === 'weighted' ? 'hợp nhất: không so sánh **' : rankChangeText(u)), fontSize: 7.5 },
          ]
        : []),
    ]);
  }
  const s = g.summary;
  const widths = ['auto', '*', 46, 46, ...(adj ? [46] : []), 46, 42, 42, 48, 34, ...(prev ? [40, 40, 96] : [])];
  const reduced = g.units.filter((u) => u.exclusions.length);
  return [
    { text: t(`${roman(gi + 1)}. ${s.name.toUpperCase()} (${s.count} đơn vị)`), style: 'h2', pageBreak: 'before', pageOrientation: 'landscape' } as Content,
    { table: { headerRows: 2, dontBreakRows: true, widths, body }, layout: { ...grid, fillColor: (i: number) => (i > 1 && i % 2 === 1 ? '#f7f9fb' : null) }, fontSize: 8.5 },
    {
      margin: [0, 6, 0, 0],
      fontSize: 9,
      text: [
        { text: t('Chỉ số trung bình: '), bold: true }, `${vi(s.meanIndex)}%   `,
        { text: t('Cao nhất: '), bold: true }, `${vi(s.highestIndex)}%   `,
        { text: t('Thấp nhất: '), bold: true }, `${vi(s.lowestIndex)}%   `,
        { text: t('Xếp loại: '), bold: true }, t(s.classCounts.map((c) => `${c.label} ${c.count}`).join(', ')),
      ],
    },
    ...(reduced.length
      ? [{ text: t(`* Thang điểm rút gọn: ${reduced.map((u) => `${u.unitName} (tối đa ${vi(u.max)} điểm)`).join('; ')}. Căn cứ xem trang của từng đơn vị.`), fontSize: 8, color: MUTED, margin: [0, 3, 0, 0] } as Content]
      : []),
    ...(g.units.some((u) => u.change?.basis === 'weighted')
      ? [{ text: t('** Đơn vị hợp nhất trong năm: điểm và chỉ số so với bình quân gia quyền của các đơn vị trước hợp nhất; không so sánh thứ hạng.'), fontSize: 8, color: MUTED, margin: [0, 2, 0, 0] } as Content]
      : []),
    ...barChart(data, gi),
  ];
}

/** Horizontal bars of every unit's index (0–100 %), coloured by class, with the group mean. */
function barChart(data: DocumentData, gi: number): Content[] {
  const g = data.results.groups[gi];
  const labelW = 190, valueW = 40, pad = 2;
  const W = LANDSCAPE_WIDTH - labelW - valueW - 6 * pad;
  const rowH = 12;
  const x = (index: string | number) => (W * Math.min(100, Math.max(0, Number(index)))) / 100; // drawing only
  const mean = x(g.summary.meanIndex);
  const gridLines = (h: number) =>
    [0, 20, 40, 60, 80, 100].map((p) => ({ type: 'line' as const, x1: x(p), y1: 0, x2: x(p), y2: h, lineWidth: p === 0 ? 0.8 : 0.3, lineColor: p === 0 ? MUTED : RULE }));
  const rows: TableCell[][] = [...g.units]
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((u) => [
      { text: t(`${u.rank}. ${u.unitName}`), fontSize: 7.5, alignment: 'right', margin: [0, 2, 0, 0] },
      {
        canvas: [
          ...gridLines(rowH),
          { type: 'rect', x: 0, y: 2, w: x(u.index), h: rowH - 4, color: classColour(data, gi, u.classification) },
          { type: 'line', x1: mean, y1: 0, x2: mean, y2: rowH, lineWidth: 1, lineColor: '#b83232', dash: { length: 2, space: 1.5 } },
        ],
      },
      { text: vi(u.index), fontSize: 7.5, bold: true, margin: [0, 2, 0, 0] },
    ]);
  // pdfmake writes layout state into content objects: each chart part gets fresh ones.
  const axis = (): TableCell[] => [
    '',
    {
      stack: [
        { canvas: [{ type: 'line', x1: 0, y1: 0, x2: W, y2: 0, lineWidth: 0.8, lineColor: MUTED }, ...[0, 20, 40, 60, 80, 100].map((p) => ({ type: 'line' as const, x1: x(p), y1: 0, x2: x(p), y2: 3, lineWidth: 0.8, lineColor: MUTED }))] },
        ...[0, 20, 40, 60, 80, 100].map((p) => ({ text: `${p}%`, fontSize: 7, color: MUTED, relativePosition: { x: x(p) - (p === 100 ? 16 : p === 0 ? 0 : 8), y: 1 } })),
      ],
    },
    '',
  ];
  const legend = () => g.summary.classCounts.filter((c) => c.count > 0).flatMap((c) => [
    { canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 8, h: 8, color: classColour(data, gi, c.label) }], width: 10 },
    { text: t(`${c.label} (${c.count})`), width: 'auto' as const, margin: [0, 0, 12, 0] as [number, number, number, number] },
  ]);
  // A chart is kept on one page: a large group (100 communes) is drawn in parts, each with its axis.
  const parts = Math.ceil(rows.length / CHART_ROWS);
  const size = Math.ceil(rows.length / parts);
  return Array.from({ length: parts }, (_, p) => ({
    unbreakable: true,
    margin: [0, 14, 0, 0] as [number, number, number, number],
    stack: [
      { text: t(`Biểu đồ Chỉ số CCHC năm ${data.results.cycle.year} — ${g.summary.name}${parts > 1 ? ` (phần ${p + 1}/${parts})` : ''}`), bold: true, fontSize: 10, margin: [0, 0, 0, 4] },
      {
        columns: [
          ...legend(),
          { canvas: [{ type: 'line', x1: 0, y1: 5, x2: 14, y2: 5, lineWidth: 1, lineColor: '#b83232', dash: { length: 2, space: 1.5 } }], width: 16 },
          { text: t(`Chỉ số trung bình của nhóm: ${vi(g.summary.meanIndex)}%`), width: 'auto' },
        ],
        fontSize: 8,
        margin: [labelW + pad * 2, 0, 0, 4],
      },
      {
        table: { widths: [labelW, W, valueW], body: [...rows.slice(p * size, (p + 1) * size), axis()] },
        layout: { hLineWidth: () => 0, vLineWidth: () => 0, paddingLeft: () => pad, paddingRight: () => pad, paddingTop: () => 0, paddingBottom: () => 0 },
      },
    ],
  }));
}

/** The report's document definition (exported for tests and for callers that stream it). */
export function reportDefinition(data: DocumentData, opts: ReportOptions = {}): TDocumentDefinitions {
  const date = opts.date ?? new Date();
  const { cycle } = data.results;
  const content: Content[] = [...titlePage(data, date)];
  // An unpublished cycle: a watermark on every page and "DỰ THẢO" in the title and footer.
  const draft = isDraftCycle(cycle.status);
  const pub = data.publication;
  data.results.groups.forEach((_, gi) => content.push(...groupTable(data, gi)));
  data.results.groups.forEach((g, gi) => g.units.forEach((u) => content.push(...unitPage(data, gi, u, opts.lostLeaves ?? 10))));
  return {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: [MARGIN, 40, MARGIN, 46],
    ...(draft ? { watermark: { text: DRAFT_MARK, color: '#b83232', opacity: 0.08, bold: true } } : {}),
    info: { title: t(`${draft ? `${DRAFT_MARK} — ` : ''}Kết quả Chỉ số CCHC năm ${cycle.year}`), subject: t(cycle.name), creator: 'ParIndex', producer: 'ParIndex (pdfmake)' },
    defaultStyle: { font: 'Roboto', fontSize: 9, color: INK, lineHeight: 1.15 },
    styles: {
      h1: { fontSize: 17, bold: true, margin: [0, 2, 0, 2] },
      h2: { fontSize: 12, bold: true, margin: [0, 0, 0, 8] },
      h3: { fontSize: 10.5, bold: true, margin: [0, 14, 0, 5] },
    },
    footer: (page, pages) =>
      page === 1
        ? { text: '' }
        : {
            margin: [MARGIN, 14, MARGIN, 0],
            fontSize: 7.5,
            color: MUTED,
            columns: [
              { text: t(`${draft ? `${DRAFT_MARK} · ` : ''}Chỉ số CCHC năm ${cycle.year}${data.province ? ` — tỉnh ${data.province}` : ''}${pub ? ` · QĐ số ${pub.decisionNumber}${pub.version > 1 ? `, phiên bản ${pub.version}` : ''}` : ''} · lập ngày ${viShortDate(date)}`) },
              { text: t(`Trang ${page}/${pages}`), alignment: 'right', width: 80 },
            ],
          },
    content,
  };
}

/** Renders the report to a PDF buffer. */
export async function buildResultsReport(data: DocumentData, opts: ReportOptions = {}): Promise<Buffer> {
  return pdfmake.createPdf(reportDefinition(data, opts)).getBuffer();
}

/** Renders the report straight to a file (large reports in background jobs). */
export async function writeResultsReport(data: DocumentData, file: string, opts: ReportOptions = {}): Promise<void> {
  await pdfmake.createPdf(reportDefinition(data, opts)).write(file);
}
