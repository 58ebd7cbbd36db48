import type { Lang } from '../../app/messages.ts';

const vi = {
  yearsLabel: 'Các năm đã công bố',
  dashboardLink: (year: number) => `Bảng tổng hợp năm ${year}`,
  rubricLink: (year: number) => `Bộ chỉ số năm ${year}`,
  rubricXlsx: 'Bộ chỉ số (.xlsx)',
  print: 'In trang',
  downloadsTitle: (year: number) => `Tải kết quả năm ${year}`,
  downloadsHint: 'Bảng kết quả đầy đủ của tất cả các nhóm, đúng số liệu trên trang này.',
  formats: {
    xlsx: 'Excel (.xlsx)',
    pdf: 'PDF',
    docx: 'Word (.docx)',
    csv: 'CSV',
    json: 'JSON (dữ liệu mở)',
  },
  unitHint: 'Bấm vào tên đơn vị để xem phiếu kết quả chi tiết: điểm từng lĩnh vực, các tiêu chí bị trừ điểm và diễn biến qua các năm. Bộ chỉ số cho biết cách chấm điểm từng tiêu chí.',
  describe: (cycleName: string) =>
    `${cycleName}: bảng kết quả Chỉ số CCHC theo nhóm — điểm thẩm định, điểm điều tra xã hội học, chỉ số, xếp loại, xếp hạng và so sánh với năm trước.`,
};
export type PortalMessages = typeof vi;

const en: PortalMessages = {
  yearsLabel: 'Published years',
  dashboardLink: (year) => `${year} dashboard`,
  rubricLink: (year) => `${year} rubric`,
  rubricXlsx: 'Rubric (.xlsx)',
  print: 'Print',
  downloadsTitle: (year) => `Download the ${year} results`,
  downloadsHint: 'The full results table of every group, the same figures as on this page.',
  formats: {
    xlsx: 'Excel (.xlsx)',
    pdf: 'PDF',
    docx: 'Word (.docx)',
    csv: 'CSV',
    json: 'JSON (open data)',
  },
  unitHint: 'Select a unit’s name for its detailed scorecard: points per field, the criteria where it lost points, and its trend over the years. The rubric tells how each criterion is scored.',
  describe: (cycleName) =>
    `${cycleName}: PAR Index results by group — appraised points, survey points, index, classification, rank and change on last year.`,
};

export const portalMessages: Record<Lang, PortalMessages> = { vi, en };
