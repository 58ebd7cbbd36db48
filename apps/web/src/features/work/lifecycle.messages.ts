/**
 * Strings of the stage gates (lifecycle-panel.tsx): the checklist of the next stage, the transition
 * dialog with its override, and the overrides on record. The items' own labels and counts come
 * from the server in Vietnamese (cycle-gates.ts). `vi` defines the shape; `en` must match it.
 */
import type { Lang } from '../../app/messages.ts';

const vi = {
  checklistTitle: (stage: string) => `Điều kiện chuyển sang “${stage}”`,
  checklistOk: 'Đã đủ điều kiện.',
  checklistNotOk: (n: number) => `Còn ${n} điều kiện chưa đạt.`,
  met: 'Đạt',
  unmet: 'Chưa đạt',
  cannotOverride: 'Không thể bỏ qua',
  unitsConcerned: (n: number) => `${n} đơn vị`,
  moreUnits: (n: number) => `… và ${n} đơn vị khác`,
  openSheet: (unit: string) => `Mở phiếu của ${unit}`,
  dialogTitle: (label: string) => `${label}?`,
  dialogBody: 'Mọi đơn vị và người dùng liên quan sẽ nhận thông báo.',
  unmetIntro: 'Chưa đủ điều kiện để chuyển giai đoạn:',
  override: 'Chuyển giai đoạn dù chưa đạt',
  overrideReason: 'Lý do chuyển giai đoạn dù chưa đạt (ghi vào nhật ký, hiện trên trang theo dõi và trong ghi chú công bố)',
  overrideReasonShort: (min: number) => `Lý do cần ít nhất ${min} ký tự.`,
  move: 'Chuyển giai đoạn',
  cancel: 'Hủy',
  loading: 'Đang kiểm tra điều kiện…',
  overridesTitle: 'Các lần chuyển giai đoạn dù chưa đạt điều kiện',
  overrideLine: (from: string, to: string) => `${from} → ${to}`,
  overrideBy: (who: string, at: string) => `${who}, ${at}`,
  reason: 'Lý do',
  unmetAtTheTime: 'Chưa đạt lúc đó',
};
export type LifecycleMessages = typeof vi;

const en: LifecycleMessages = {
  checklistTitle: (stage) => `Conditions for “${stage}”`,
  checklistOk: 'All conditions are met.',
  checklistNotOk: (n) => `${n} condition(s) not met.`,
  met: 'Met',
  unmet: 'Not met',
  cannotOverride: 'Cannot be overridden',
  unitsConcerned: (n) => `${n} unit(s)`,
  moreUnits: (n) => `… and ${n} more unit(s)`,
  openSheet: (unit) => `Open the sheet of ${unit}`,
  dialogTitle: (label) => `${label}?`,
  dialogBody: 'Every unit and user concerned will be notified.',
  unmetIntro: 'The stage change is not ready yet:',
  override: 'Move on although not met',
  overrideReason: 'Reason for moving on although not met (kept in the audit log, shown on the status board and in the publication notes)',
  overrideReasonShort: (min) => `The reason needs at least ${min} characters.`,
  move: 'Change stage',
  cancel: 'Cancel',
  loading: 'Checking the conditions…',
  overridesTitle: 'Stage changes made although conditions were not met',
  overrideLine: (from, to) => `${from} → ${to}`,
  overrideBy: (who, at) => `${who}, ${at}`,
  reason: 'Reason',
  unmetAtTheTime: 'Not met at the time',
};

export const lifecycleMessages: Record<Lang, LifecycleMessages> = { vi, en };
