/** Strings of the portal's publication record: the approval decision, the versions, corrections. */
import type { Lang } from '../../app/messages.ts';

const vi = {
  decision: (number: string, date: string) => `Kết quả được phê duyệt và công bố tại Quyết định số ${number} ngày ${date} của UBND tỉnh.`,
  corrected: (version: number, number: string, date: string) => `Đã đính chính (phiên bản ${version}) tại Quyết định số ${number} ngày ${date}; bảng dưới đây là số liệu sau đính chính.`,
  versionsTitle: 'Các lần công bố',
  version: (v: number) => `Phiên bản ${v}`,
  current: 'đang có hiệu lực',
  original: 'Công bố lần đầu',
  decisionShort: (number: string, date: string) => `Quyết định số ${number} ngày ${date}`,
  publishedAt: (when: string) => `công bố lúc ${when}`,
  reason: 'Lý do đính chính',
  corrections: 'Nội dung đính chính',
  change: (unit: string, leaf: string, before: string, after: string) => `${unit}, tiêu chí ${leaf}: ${before} → ${after} điểm`,
  view: (v: number) => `Xem bảng kết quả phiên bản ${v}`,
  hide: 'Đóng bảng phiên bản cũ',
  oldTitle: (v: number) => `Phiên bản ${v} — đã được đính chính`,
  oldHint: 'Số liệu dưới đây là bảng đã công bố trước khi đính chính, chỉ để tra cứu; kết quả có hiệu lực là bảng chính của trang.',
  loadError: 'Không tải được bảng kết quả của phiên bản này.',
};
export type PublicationMessages = typeof vi;

const en: PublicationMessages = {
  decision: (number, date) => `Results approved and published by Decision No. ${number} of ${date} of the Provincial People's Committee.`,
  corrected: (version, number, date) => `Corrected (version ${version}) by Decision No. ${number} of ${date}; the tables below show the corrected figures.`,
  versionsTitle: 'Publications',
  version: (v) => `Version ${v}`,
  current: 'in force',
  original: 'First publication',
  decisionShort: (number, date) => `Decision No. ${number} of ${date}`,
  publishedAt: (when) => `published ${when}`,
  reason: 'Reason for the correction',
  corrections: 'What was corrected',
  change: (unit, leaf, before, after) => `${unit}, criterion ${leaf}: ${before} → ${after} points`,
  view: (v) => `View the version ${v} table`,
  hide: 'Close the earlier version',
  oldTitle: (v) => `Version ${v} — since corrected`,
  oldHint: 'The table below is as published before the correction, for reference only; the figures in force are the main tables of this page.',
  loadError: 'Could not load this version’s results table.',
};

export const publicationMessages: Record<Lang, PublicationMessages> = { vi, en };
