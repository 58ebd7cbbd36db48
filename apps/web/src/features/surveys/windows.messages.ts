import type { Lang } from '../../app/messages.ts';

/** Strings of the collection window (đóng / mở nhận phiếu) of questionnaires and desks, kept apart from surveys.messages.ts. */
const vi = {
  column: 'Nhận phiếu',
  states: { open: 'Đang nhận phiếu', closed: 'Đã đóng', not_yet: 'Chưa đến ngày mở', ended: 'Đã hết hạn' } as Record<string, string>,
  from: (d: string) => `từ ${d}`,
  until: (d: string) => `đến hết ${d}`,
  closedOn: (d: string) => `đóng ngày ${d}`,
  close: 'Đóng',
  open: 'Mở lại',
  dates: 'Ngày…',
  confirmCloseQuestionnaire: (code: string) => `Đóng phiếu ${code}? Người trả lời qua đường dẫn và mọi quầy của phiếu sẽ được báo cuộc khảo sát đã kết thúc; phiếu trả lời đã nhận vẫn giữ nguyên.`,
  confirmCloseDesk: (name: string) => `Đóng quầy "${name}"? Người trả lời tại quầy sẽ được báo cuộc khảo sát đã kết thúc.`,
  confirmOpen: (what: string) => `Mở lại ${what} từ hôm nay? Ngày kết thúc đã qua (nếu có) được bỏ.`,
  yes: 'Đồng ý',
  no: 'Thôi',
  datesTitle: 'Ngày nhận phiếu (giờ Việt Nam, tính cả hai ngày)',
  opensOn: 'Từ ngày',
  closesOn: 'Đến hết ngày',
  save: 'Lưu ngày',
  done: (n: number) => `Đã cập nhật ${n} phiếu/quầy.`,
  deskNeedsQuestionnaire: 'Quầy đã mở nhưng phiếu của quầy đang không nhận phiếu: hãy mở phiếu để quầy nhận trả lời.',
};

export type WindowMessages = typeof vi;

const en: WindowMessages = {
  column: 'Collection',
  states: { open: 'Open', closed: 'Closed', not_yet: 'Not open yet', ended: 'Ended' },
  from: (d) => `from ${d}`,
  until: (d) => `until ${d}`,
  closedOn: (d) => `closed on ${d}`,
  close: 'Close',
  open: 'Reopen',
  dates: 'Dates…',
  confirmCloseQuestionnaire: (code) => `Close ${code}? Respondents using its links and every desk of it will be told the survey has ended; responses already received are kept.`,
  confirmCloseDesk: (name) => `Close the desk "${name}"? Respondents at the desk will be told the survey has ended.`,
  confirmOpen: (what) => `Reopen ${what} from today? A closing date already past is dropped.`,
  yes: 'Yes',
  no: 'Cancel',
  datesTitle: 'Collection dates (Vietnam time, both days included)',
  opensOn: 'From',
  closesOn: 'Until (inclusive)',
  save: 'Save dates',
  done: (n) => `${n} questionnaire(s)/desk(s) updated.`,
  deskNeedsQuestionnaire: 'The desk is open but its questionnaire is not taking responses: open the questionnaire too.',
};

export const windowMessages: Record<Lang, WindowMessages> = { vi, en };
