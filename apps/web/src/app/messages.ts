/**
 * Every visible string of the web app, in Vietnamese (default) and English. Vietnamese uses the
 * terms officials use in published results (Chỉ số CCHC, Điểm thẩm định, Xếp loại, …).
 * `vi` defines the keys; `en` must provide the same keys with the same shapes (checked by tsc).
 */
import type { CycleDto } from '@parindex/contracts';

export type Lang = 'vi' | 'en';

const vi = {
  htmlLang: 'vi',
  appTitle: 'ParIndex — Chỉ số cải cách hành chính',
  metaDescription:
    'Kết quả Chỉ số cải cách hành chính (Chỉ số CCHC) của các sở, ban, ngành và đơn vị hành chính cấp xã: điểm thẩm định, điểm điều tra xã hội học, chỉ số, xếp loại, xếp hạng.',
  pageTitle: (cycleName: string) => `${cycleName} — ParIndex`,
  skipToContent: 'Bỏ qua, đến nội dung chính',
  languageLabel: 'Ngôn ngữ',
  navLabel: 'Điều hướng chính',
  navResults: 'Kết quả',
  navDashboard: 'Bảng tổng hợp',
  navWork: 'Khu làm việc',
  navAnnouncements: 'Thông báo',
  footer: 'ParIndex — phần mềm nguồn mở (AGPL-3.0). Số liệu do cơ quan đánh giá công bố.',
  /** Header of a table's column of buttons (read by screen readers, not shown). */
  colActions: 'Thao tác',
  selectAllRows: 'Chọn tất cả các dòng',

  cycleLabel: 'Năm',
  cyclePlaceholder: 'Chọn năm đánh giá',
  resultsHeading: (year: number) => `Kết quả Chỉ số CCHC năm ${year}`,
  resultsHeadingAny: 'Kết quả Chỉ số CCHC',
  cycleStatus: {
    draft: 'dự thảo',
    open: 'đang tự đánh giá',
    appraisal: 'đang thẩm định',
    council: 'hội đồng đang xem xét',
    approved: 'đã phê duyệt, chưa công bố',
    published: 'đã công bố',
    closed: 'đã kết thúc',
  } satisfies Record<CycleDto['status'], string>,
  sourceAssessed: 'Chấm điểm trên hệ thống',
  sourceImported: 'Nhập từ bảng kết quả đã công bố',
  rubric: (code: string, version: number | null) => `Bộ chỉ số ${code}${version !== null ? `, phiên bản ${version}` : ''}`,
  computedAt: (when: string) => `Tính lúc ${when}`,

  group: 'Nhóm',
  unitsCount: 'Số đơn vị',
  meanIndex: 'Chỉ số trung bình',
  highestIndex: 'Cao nhất',
  lowestIndex: 'Thấp nhất',
  classCounts: 'Xếp loại',
  tableCaption: (group: string, year: number) => `Bảng kết quả Chỉ số CCHC năm ${year} — nhóm ${group}`,

  colOrder: 'STT',
  colUnit: 'Đơn vị',
  colAppraised: 'Điểm thẩm định',
  colSurvey: 'Điểm điều tra XHH',
  colSurveyFull: 'Điểm điều tra xã hội học',
  colTotal: 'Tổng điểm',
  colMax: 'Điểm tối đa',
  colIndex: 'Chỉ số (%)',
  colClass: 'Xếp loại',
  colRank: 'Xếp hạng',
  colChange: 'So với năm trước',

  exactValue: (value: string) => `Giá trị chính xác: ${value}`,
  totalIncludes: (bonus: string, deduction: string) => `Gồm điểm thưởng ${bonus} và điểm trừ ${deduction}`,
  reducedScale: 'Thang điểm rút gọn',
  reducedScaleHint: 'Điểm tối đa thấp hơn 100 vì có tiêu chí không áp dụng hoặc không được đánh giá; chỉ số được tính trên điểm tối đa này.',
  exclusionsTitle: 'Tiêu chí không áp dụng:',
  exclusion: (code: string, basis: string) => `${code} — căn cứ: ${basis}`,

  rankUp: (n: number) => `tăng ${n} bậc`,
  rankDown: (n: number) => `giảm ${n} bậc`,
  rankSame: 'giữ nguyên thứ hạng',
  indexDelta: 'Chỉ số',
  indexDeltaHint: 'Chênh lệch chỉ số so với năm trước (điểm phần trăm)',
  previousYear: (index: string | null, rank: number | null) =>
    `Năm trước: ${index !== null ? `chỉ số ${index}%` : 'chưa có chỉ số'}${rank !== null ? `, xếp hạng ${rank}` : ''}`,
  weightedNote: 'đơn vị hợp nhất — không xếp hạng so sánh',
  notComparable: 'Xếp hạng: không so sánh được (đơn vị hợp nhất). Chỉ số năm trước là bình quân có trọng số của các đơn vị trước hợp nhất.',
  noBaseline: 'Chưa có số liệu năm trước',

  chartSubtitle: (cycleName: string) => `${cycleName} · Chỉ số (%)`,
  chartAria: (group: string) => `Biểu đồ thanh ngang chỉ số CCHC của các đơn vị nhóm ${group}; số liệu đầy đủ ở bảng phía trên.`,
  chartMean: 'Trung bình',
  downloadPng: 'Tải ảnh PNG',
  chartLoading: 'Đang tải biểu đồ…',

  loading: 'Đang tải kết quả…',
  emptyTitle: 'Chưa có kết quả nào được công bố',
  emptyHint: 'Kết quả sẽ hiển thị tại đây khi được công bố.',
  emptyCycle: 'Kỳ đánh giá này chưa có kết quả được công bố.',
  errorTitle: 'Không tải được kết quả',
  networkError: 'Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi bấm “Thử lại”.',
  badResponse: 'Máy chủ trả lời không đúng định dạng. Vui lòng thử lại sau ít phút.',
  genericError: 'Đã có lỗi. Vui lòng thử lại.',
  requestId: (id: string) => `Mã yêu cầu: ${id} (cung cấp mã này khi liên hệ hỗ trợ)`,
  retry: 'Thử lại',
  notFoundTitle: 'Không tìm thấy trang',
  notFoundHint: 'Địa chỉ này không tồn tại. Vui lòng quay về trang kết quả.',
  backHome: 'Về trang kết quả',

  /** Classification labels come from the rubric (data); these only translate the common ones. */
  classLabel: (label: string) => label,
};

export type Messages = typeof vi;

/** English classification labels for the common Vietnamese bands; others are shown as published. */
const enClasses: Record<string, string> = {
  'xuất sắc': 'Excellent',
  'tốt': 'Good',
  'khá': 'Fairly good',
  'trung bình': 'Average',
  'yếu': 'Weak',
  'kém': 'Poor',
};

const en: Messages = {
  htmlLang: 'en',
  appTitle: 'ParIndex — Public Administration Reform Index',
  metaDescription:
    'Public Administration Reform (PAR Index) results of provincial departments and local units: appraised points, survey points, index, classification and rank.',
  pageTitle: (cycleName) => `${cycleName} — ParIndex`,
  skipToContent: 'Skip to main content',
  languageLabel: 'Language',
  navLabel: 'Main navigation',
  navResults: 'Results',
  navDashboard: 'Dashboard',
  navWork: 'Work area',
  navAnnouncements: 'Announcements',
  footer: 'ParIndex — open-source software (AGPL-3.0). Figures as published by the assessing authority.',
  colActions: 'Actions',
  selectAllRows: 'Select all rows',

  cycleLabel: 'Year',
  cyclePlaceholder: 'Choose an assessment year',
  resultsHeading: (year) => `PAR Index results ${year}`,
  resultsHeadingAny: 'PAR Index results',
  cycleStatus: {
    draft: 'draft',
    open: 'self-assessment open',
    appraisal: 'under appraisal',
    council: 'before the council',
    approved: 'approved, not yet published',
    published: 'published',
    closed: 'closed',
  },
  sourceAssessed: 'Scored in ParIndex',
  sourceImported: 'Imported from the published results table',
  rubric: (code, version) => `Rubric ${code}${version !== null ? `, version ${version}` : ''}`,
  computedAt: (when) => `Computed ${when}`,

  group: 'Group',
  unitsCount: 'Units',
  meanIndex: 'Average index',
  highestIndex: 'Highest',
  lowestIndex: 'Lowest',
  classCounts: 'Classification',
  tableCaption: (group, year) => `PAR Index results ${year} — group ${group}`,

  colOrder: 'No.',
  colUnit: 'Unit',
  colAppraised: 'Appraised points',
  colSurvey: 'Survey points',
  colSurveyFull: 'Sociological survey points',
  colTotal: 'Total points',
  colMax: 'Maximum points',
  colIndex: 'Index (%)',
  colClass: 'Classification',
  colRank: 'Rank',
  colChange: 'Change on last year',

  exactValue: (value) => `Exact value: ${value}`,
  totalIncludes: (bonus, deduction) => `Includes bonus ${bonus} and deduction ${deduction}`,
  reducedScale: 'Reduced scale',
  reducedScaleHint: 'The maximum is below 100 because some criteria do not apply or were not assessed; the index is computed on this maximum.',
  exclusionsTitle: 'Criteria not applicable:',
  exclusion: (code, basis) => `${code} — legal basis: ${basis}`,

  rankUp: (n) => `up ${n} ${n === 1 ? 'place' : 'places'}`,
  rankDown: (n) => `down ${n} ${n === 1 ? 'place' : 'places'}`,
  rankSame: 'same rank',
  indexDelta: 'Index',
  indexDeltaHint: 'Change of the index on last year (percentage points)',
  previousYear: (index, rank) =>
    `Last year: ${index !== null ? `index ${index}%` : 'no index'}${rank !== null ? `, rank ${rank}` : ''}`,
  weightedNote: 'merged unit — rank not compared',
  notComparable:
    'Rank: not comparable (merged unit). Last year’s index is the weighted average of the units that were merged.',
  noBaseline: 'No figures for last year',

  chartSubtitle: (cycleName) => `${cycleName} · Index (%)`,
  chartAria: (group) => `Horizontal bar chart of the PAR Index of the units in group ${group}; full figures in the table above.`,
  chartMean: 'Average',
  downloadPng: 'Download PNG',
  chartLoading: 'Loading chart…',

  loading: 'Loading results…',
  emptyTitle: 'No results have been published yet',
  emptyHint: 'Results will appear here once they are published.',
  emptyCycle: 'No results have been published for this assessment.',
  errorTitle: 'Could not load the results',
  networkError: 'Cannot reach the server. Check the network connection, then press “Retry”.',
  badResponse: 'The server sent an unexpected answer. Please try again in a few minutes.',
  genericError: 'Something went wrong. Please try again.',
  requestId: (id) => `Request ID: ${id} (quote it when contacting support)`,
  retry: 'Retry',
  notFoundTitle: 'Page not found',
  notFoundHint: 'This address does not exist. Please go back to the results.',
  backHome: 'Back to the results',

  classLabel: (label) => enClasses[label.normalize('NFC').trim().toLowerCase()] ?? label,
};

export const messages: Record<Lang, Messages> = { vi, en };
