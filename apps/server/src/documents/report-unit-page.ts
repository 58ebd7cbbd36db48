/**
 * One unit's page of the PDF results report (results-report.ts): its result, its field component
 * indices and the leaves where it lost most points (the engine's leavesLosingPoints).
 */
import type { UnitResultDto } from '@parindex/contracts';
import { dec, leavesLosingPoints, unitIndex } from '@parindex/engine';
import type { Content, TableCell } from 'pdfmake/interfaces';
import type { DocumentData, OutlineNode, UnitComponents } from './document-data.ts';
import { adjustment, rankChangeText, roman, signedVi, vi } from './document-format.ts';
import { INK, MUTED, classColour, grid, num, t, th } from './report-style.ts';

export function unitPage(data: DocumentData, gi: number, u: UnitResultDto, lostLeaves: number): Content[] {
  const g = data.results.groups[gi];
  const comp = data.components.get(u.unitId);
  const adj = !dec(u.bonus).isZero() || !dec(u.deduction).isZero();
  const card = (label: string, value: string, sub = '', colour = INK): TableCell => ({
    stack: [
      { text: t(label), fontSize: 8, color: MUTED },
      { text: t(value), fontSize: 16, bold: true, color: colour, margin: [0, 2, 0, 0] },
      { text: t(sub), fontSize: 8, color: MUTED },
    ],
    margin: [4, 3, 4, 3],
  });
  const change = u.change;
  const changeValue = change?.indexDelta ? `${signedVi(change.indexDelta)}` : '—';
  const changeSub = change?.basis === 'weighted'
    ? 'chỉ số, so với bình quân gia quyền các đơn vị trước hợp nhất'
    : change?.indexDelta ? `chỉ số; thứ hạng ${rankChangeText(u)}` : 'không có số liệu năm trước';
  const content: Content[] = [
    { text: t(`${roman(gi + 1)}. ${g.summary.name}`), fontSize: 9, color: MUTED, pageBreak: 'before', pageOrientation: 'portrait' } as Content,
    { text: t(u.unitName), style: 'h1' },
    { text: t(`Kết quả Chỉ số cải cách hành chính năm ${data.results.cycle.year}`), fontSize: 10, color: MUTED, margin: [0, 0, 0, 8] },
    {
      table: {
        widths: ['*', '*', '*', '*'],
        body: [[
          card('Chỉ số CCHC', `${vi(u.index)}%`, `${vi(u.total)} / ${vi(u.max)} điểm`),
          card('Xếp loại', u.classification, '', classColour(data, gi, u.classification)),
          card('Xếp hạng trong nhóm', `${u.rank}/${g.units.length}`, g.summary.name),
          card('So với năm trước', changeValue, changeSub),
        ]],
      },
      layout: { ...grid, fillColor: () => '#f7f9fb' },
    },
    {
      margin: [0, 8, 0, 0],
      table: {
        widths: ['*', '*', ...(adj ? ['*'] : []), '*', '*'],
        body: [
          [th('Điểm thẩm định'), th('Điểm điều tra XHH'), ...(adj ? [th('Điểm thưởng/trừ')] : []), th('Tổng điểm'), th('Điểm tối đa')],
          [num(vi(u.appraised), { alignment: 'center' }), num(vi(u.survey), { alignment: 'center' }), ...(adj ? [num(signedVi(adjustment(u)), { alignment: 'center' })] : []), num(vi(u.total), { alignment: 'center', bold: true }), num(vi(u.max), { alignment: 'center' })],
        ],
      },
      layout: grid,
      fontSize: 9.5,
    },
  ];
  if (u.exclusions.length) {
    content.push({
      margin: [0, 8, 0, 0],
      fontSize: 8.5,
      stack: [
        { text: t(`Thang điểm rút gọn (tối đa ${vi(u.max)} điểm) — không đánh giá:`), bold: true },
        { ul: u.exclusions.map((e) => t(`${e.nodeCode}${titleOf(data, e.nodeCode)}: ${e.basis}`)), margin: [0, 2, 0, 0] },
      ],
    });
  }
  if (!comp || !data.rubric) {
    content.push({ text: t('Kỳ đánh giá này được nhập từ bảng kết quả đã công bố: không có điểm chi tiết theo lĩnh vực, tiêu chí.'), italics: true, color: MUTED, margin: [0, 14, 0, 0] });
    return content;
  }
  content.push(...fieldTable(data, comp), ...lostTable(data, comp, lostLeaves));
  return content;
}

const titleOf = (data: DocumentData, code: string) => {
  const n = data.rubric?.byCode.get(code);
  return n ? ` (${n.title})` : '';
};

function fieldTable(data: DocumentData, comp: UnitComponents): Content[] {
  const barW = 110;
  const scored = new Map(comp.nodes.filter((n) => n.depth === 1).map((n) => [n.code, n]));
  // Every field with points in the rubric; one the unit is not assessed on says so.
  const fields = data.rubric!.nodes.filter((n) => n.depth === 1 && !dec(n.max).isZero());
  const body: TableCell[][] = [[th('Mã'), th('Lĩnh vực'), th('Điểm đạt'), th('Tối đa'), th('Chỉ số thành phần (%)', { colSpan: 2 }), {}]];
  for (const field of fields) {
    const f = scored.get(field.code);
    if (!f) {
      body.push([{ text: field.code, alignment: 'center', color: MUTED }, { text: t(field.title), color: MUTED }, { text: t('không đánh giá (thang điểm rút gọn)'), colSpan: 4, italics: true, color: MUTED }, {}, {}, {}]);
      continue;
    }
    const pct = unitIndex(dec(f.points), dec(f.max));
    const shown = pct ? vi(pct.toFixed()) : '—';
    const w = pct ? (barW * Math.min(100, Math.max(0, pct.toNumber()))) / 100 : 0; // drawing only
    body.push([
      { text: f.code, alignment: 'center' },
      t(field.title),
      num(vi(f.points, 2)),
      num(vi(f.max, 2)),
      num(shown, { bold: true }),
      { canvas: [{ type: 'rect', x: 0, y: 1, w: barW, h: 7, color: '#eef1f4' }, { type: 'rect', x: 0, y: 1, w, h: 7, color: '#2f6fb3' }], margin: [0, 1, 0, 0] },
    ]);
  }
  return [
    { text: t('Chỉ số thành phần theo lĩnh vực'), style: 'h3' },
    { table: { headerRows: 1, widths: [22, '*', 40, 36, 40, barW + 2], body }, layout: grid, fontSize: 8.5 },
  ];
}

function lostTable(data: DocumentData, comp: UnitComponents, limit: number): Content[] {
  const lost = leavesLosingPoints(comp.leaves).slice(0, limit);
  const head: Content = { text: t(`Các tiêu chí thành phần bị mất nhiều điểm nhất`), style: 'h3' };
  if (!lost.length) return [head, { text: t('Đơn vị đạt điểm tối đa ở mọi tiêu chí thành phần được đánh giá.'), italics: true }];
  const parentTitle = (n: OutlineNode | undefined) => {
    const parent = n && data.rubric!.nodes.find((p) => !p.isLeaf && n.code.startsWith(`${p.code}.`) && p.depth === n.depth - 1);
    return parent ? parent.title : '';
  };
  const body: TableCell[][] = [[th('Mã'), th('Tiêu chí thành phần'), th('Điểm đạt'), th('Tối đa'), th('Bị mất')]];
  for (const l of lost) {
    const n = data.rubric!.byCode.get(l.code);
    body.push([
      { text: l.code, alignment: 'center' },
      { stack: [t(n?.title ?? l.code), { text: t(parentTitle(n)), fontSize: 7, color: MUTED }] },
      num(vi(l.points, 2)),
      num(vi(l.max, 2)),
      num(vi(l.lost, 2), { bold: true, color: '#b83232' }),
    ]);
  }
  return [head, { table: { headerRows: 1, dontBreakRows: true, widths: [30, '*', 40, 36, 40], body }, layout: grid, fontSize: 8.5 }];
}
