import type { Lang } from '../../app/messages.ts';

const vi = {
  start: 'Tạo tệp',
  queued: 'Đang chờ đến lượt…',
  running: (p: number) => `Đang tạo tệp… ${p}%`,
  done: 'Tệp đã sẵn sàng',
  download: (file: string) => `Tải ${file}`,
  again: 'Tạo lại',
  failed: 'Không tạo được tệp',
  expires: (time: string) => `Tệp được giữ đến ${time}.`,
  networkError: 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.',
  badResponse: 'Máy chủ trả lời không đúng định dạng. Vui lòng thử lại.',
  lostJob: 'Không còn theo dõi được yêu cầu này (máy chủ đã khởi động lại hoặc tệp đã hết hạn). Hãy tạo lại.',
  // The secretariat's panel on the board.
  draftTitle: 'Văn bản dự thảo trước khi công bố',
  docsTitle: 'Văn bản kết quả',
  draftHint:
    'Kết quả chưa được công bố: mọi tệp đều ghi "DỰ THẢO" và chỉ người có quyền mới tải được. Xem lại phụ lục và báo cáo, ghi số, ngày của quyết định rồi tải dự thảo quyết định.',
  publishedHint: 'Kết quả đã công bố: các tệp giống tệp trên cổng công khai và ghi số, ngày của quyết định đã công bố (phiên bản mới nhất, kể cả đính chính).',
  notComputed: 'Chưa có kết quả để xuất: hãy bấm "Tính kết quả" ở mục Kết quả trước.',
  decisionNumber: 'Số quyết định',
  decisionNumberHint: 'VD: 312/QĐ-UBND',
  decisionDate: 'Ngày ký',
  signer: 'Người ký',
  signerHint: 'Họ và tên',
  annex: 'Phụ lục kết quả (Excel)',
  report: 'Báo cáo (PDF)',
  decision: 'Dự thảo quyết định (Word)',
  publishedDecision: 'Quyết định công bố (Word)',
  yearBook: 'Bảng tổng hợp cả năm (Excel)',
  openData: 'Dữ liệu mở:',
  longHint: 'Tệp lớn được tạo ở máy chủ; bạn có thể tiếp tục làm việc trên trang này trong lúc chờ.',
  // The portal's report.
  portalPdf: 'Báo cáo PDF',
  portalPdfHint: 'Báo cáo có trang cho từng đơn vị nên cần ít giây để tạo.',
};
export type ExportsMessages = typeof vi;

const en: ExportsMessages = {
  start: 'Create file',
  queued: 'Waiting for its turn…',
  running: (p) => `Creating the file… ${p}%`,
  done: 'The file is ready',
  download: (file) => `Download ${file}`,
  again: 'Create again',
  failed: 'The file could not be created',
  expires: (time) => `The file is kept until ${time}.`,
  networkError: 'Cannot reach the server. Check the network connection and try again.',
  badResponse: 'The server sent an unreadable answer. Please try again.',
  lostJob: 'This request can no longer be followed (the server restarted or the file expired). Create it again.',
  draftTitle: 'Draft documents before publication',
  docsTitle: 'Results documents',
  draftHint:
    'The results are not published yet: every file is marked "DỰ THẢO" (draft) and only authorised users can download it. Review the annex and the report, record the decision’s number and date, then download the draft decision.',
  publishedHint: 'The results are published: the files match the public portal’s and cite the number and date of the decision they were published under (the latest version, corrections included).',
  notComputed: 'No results to export yet: select "Compute results" in the Results section first.',
  decisionNumber: 'Decision number',
  decisionNumberHint: 'e.g. 312/QĐ-UBND',
  decisionDate: 'Signing date',
  signer: 'Signer',
  signerHint: 'Full name',
  annex: 'Results annex (Excel)',
  report: 'Report (PDF)',
  decision: 'Draft decision (Word)',
  publishedDecision: 'Publication decision (Word)',
  yearBook: 'Whole-year workbook (Excel)',
  openData: 'Open data:',
  longHint: 'Large files are made on the server; you can keep working on this page while you wait.',
  portalPdf: 'PDF report',
  portalPdfHint: 'The report has a page per unit, so it takes a few seconds to create.',
};

export const exportsMessages: Record<Lang, ExportsMessages> = { vi, en };
