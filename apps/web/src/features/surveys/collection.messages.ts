import type { Lang } from '../../app/messages.ts';

/** Strings of the identified-survey switch and the respondent-list upload (kept apart from surveys.messages.ts). */
const vi = {
  identified: 'Phiếu ghi danh',
  identifiedHelp: 'Phiếu ghi danh: tên người trả lời (từ danh sách) được lưu cùng phiếu và có trong tệp tải về. Để trống cho khảo sát ẩn danh. Khi nhập từ Excel, phiếu cũng ghi danh nếu trang "Thông tin" ghi "Có".',
  identifiedTag: 'Ghi danh',
  listHeading: 'Tạo đường dẫn từ danh sách người được khảo sát',
  listHelp: 'Tệp CSV hoặc Excel, dòng đầu là tiêu đề: Họ và tên (bắt buộc); Đơn vị công tác, Email, Đơn vị được đánh giá (mã hoặc tên, không bắt buộc). Mỗi người một đường dẫn; nếu có dòng lỗi thì không tạo đường dẫn nào. Tên được in trên tờ mã QR; chỉ phiếu ghi danh mới lưu tên.',
  chooseList: 'Chọn danh sách và tạo đường dẫn',
  listMade: (n: string) => `Đã tạo ${n} đường dẫn theo danh sách. In tờ mã QR ngay: đường dẫn chỉ hiện một lần.`,
  listErrors: 'Danh sách có lỗi; chưa tạo đường dẫn nào',
};

export type CollectionMessages = typeof vi;

const en: CollectionMessages = {
  identified: 'Identified survey',
  identifiedHelp: "Identified: the respondent's name (from the list) is stored with the form and included in downloads. Leave off for an anonymous survey. On an Excel import the survey is also identified when the \"Thông tin\" sheet says \"Có\".",
  identifiedTag: 'Identified',
  listHeading: 'Links from a respondent list',
  listHelp: 'A CSV or Excel file with a header row: Họ và tên (name, required); Đơn vị công tác (unit), Email, Đơn vị được đánh giá (evaluated unit code or name) optional. One link per person; if any row is bad, no link is made. Names are printed on the QR sheet; they are stored only for an identified survey.',
  chooseList: 'Choose a list and make links',
  listMade: (n) => `${n} links made from the list. Print the QR sheet now: links are shown once.`,
  listErrors: 'The list has errors; no link was made',
};

export const collectionMessages: Record<Lang, CollectionMessages> = { vi, en };
