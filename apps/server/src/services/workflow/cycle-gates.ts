/**
 * The checklist of a stage change (điều kiện chuyển giai đoạn): a pure function of counts the
 * lifecycle service reads (cycle-gate-facts.ts), so the page, the route, the CLI and the refusal
 * all show the same items. Each item has a code, a Vietnamese label, whether it is met, a count
 * ("40/50 đơn vị chưa gửi") and the units concerned, sorted the Vietnamese way.
 */
import type { GateChecklist, GateItem, GateTarget } from '@parindex/contracts';
import type { CycleDeadlines } from '../../db/schema.ts';
import { pastDeadline, viDate } from './stage-rules.ts';

// The checklist's shapes are the API's (packages/contracts, workflow-api.ts).
export type { GateItem, GateTarget };
export type Checklist = GateChecklist;
export type GateUnit = GateItem['units'][number];

export interface GateUnitFacts {
  id: string;
  name: string;
  selfSubmitted: boolean;
  explanationSent: boolean;
  /** Applicable appraised leaves of the unit that some appraiser is assigned to. */
  assignedLeaves: number;
  /** Of those, leaves with a proposal. */
  proposedLeaves: number;
  /** Council items (disputed, or assigned without a proposal) the council has not decided. */
  undecided: number;
}

export interface GateFacts {
  now: Date;
  deadlines: CycleDeadlines;
  units: GateUnitFacts[];
  survey: {
    /** Survey leaves of the rubric (0: nothing to score). */
    surveyLeaves: number;
    questionnaires: number;
    lastRunAt: Date | null;
    /** Newest response received, or exclusion changed, of the cycle's questionnaires. */
    newestChangeAt: Date | null;
    /** Responses received after the last run. */
    newerResponses: number;
  };
  results: { computedAt: Date | null; lastScoreChangeAt: Date | null };
}

const collator = new Intl.Collator('vi');
const num = (n: number) => n.toLocaleString('vi-VN');
const sorted = (units: GateUnit[]) => [...units].sort((a, b) => collator.compare(a.name, b.name));
const dateTime = (d: Date) => d.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' });

function perUnit(code: string, label: string, units: GateUnitFacts[], missing: (u: GateUnitFacts) => boolean, what: string): GateItem {
  const concerned = units.filter(missing);
  return { code, label, ok: concerned.length === 0, count: `${num(concerned.length)}/${num(units.length)} đơn vị ${what}`, units: sorted(concerned.map((u) => ({ id: u.id, name: u.name }))), overridable: true };
}

function deadline(code: string, label: string, date: string | undefined, now: Date): GateItem {
  if (!date) return { code, label, ok: true, count: 'Chưa đặt hạn', units: [], overridable: true };
  const ok = pastDeadline(date, now);
  return { code, label, ok, count: ok ? `Hạn ${viDate(date)} đã qua` : `Hạn ${viDate(date)} chưa qua`, units: [], overridable: true };
}

function surveyFresh(f: GateFacts['survey']): GateItem {
  const code = 'survey_scored';
  const label = 'Đã chấm điểm khảo sát sau phiếu cuối cùng';
  if (f.surveyLeaves === 0) return { code, label, ok: true, count: 'Bộ chỉ số không có tiêu chí điều tra XHH', units: [], overridable: true };
  if (f.questionnaires === 0) return { code, label, ok: false, count: 'Kỳ đánh giá chưa có phiếu khảo sát', units: [], overridable: true };
  if (!f.lastRunAt) return { code, label, ok: false, count: 'Chưa chấm điểm khảo sát lần nào', units: [], overridable: true };
  const stale = f.newestChangeAt !== null && f.newestChangeAt.getTime() > f.lastRunAt.getTime();
  if (!stale) return { code, label, ok: true, count: `Chấm lúc ${dateTime(f.lastRunAt)}`, units: [], overridable: true };
  const what = f.newerResponses > 0 ? `${num(f.newerResponses)} phiếu nhận sau` : 'Phiếu được loại hoặc khôi phục sau';
  return { code, label, ok: false, count: `${what} lần chấm lúc ${dateTime(f.lastRunAt)}: hãy chấm lại`, units: [], overridable: true };
}

/** The items of moving a cycle from `from` to `to` (the status machine itself is checked by the caller). */
export function buildChecklist(from: string, to: GateTarget, f: GateFacts): Checklist {
  const items: GateItem[] = [];
  if (to === 'appraisal') {
    items.push(perUnit('self_submitted', 'Mọi đơn vị đã gửi kết quả tự đánh giá', f.units, (u) => !u.selfSubmitted, 'chưa gửi'));
    items.push(deadline('self_deadline', 'Đã qua hạn tự đánh giá', f.deadlines.self, f.now));
  } else if (to === 'council') {
    const withLeaves = f.units.filter((u) => u.assignedLeaves > 0);
    const proposals = perUnit('proposals_made', 'Mọi tiêu chí được phân công đã có điểm đề xuất thẩm định', withLeaves, (u) => u.proposedLeaves < u.assignedLeaves, 'còn tiêu chí chưa có điểm đề xuất');
    const missingLeaves = withLeaves.reduce((s, u) => s + Math.max(0, u.assignedLeaves - u.proposedLeaves), 0);
    if (missingLeaves) proposals.count += ` (${num(missingLeaves)} tiêu chí)`;
    if (withLeaves.length === 0) Object.assign(proposals, { ok: false, count: 'Chưa phân công thẩm định tiêu chí nào' });
    items.push(proposals);
    const explanationOver = f.deadlines.explanation !== undefined && pastDeadline(f.deadlines.explanation, f.now);
    const explanations = perUnit('explanations_sent', 'Mọi đơn vị đã gửi giải trình (hoặc đã hết hạn giải trình)', f.units, (u) => !u.explanationSent && !explanationOver, 'chưa gửi giải trình');
    if (explanationOver) explanations.count = `Hạn giải trình ${viDate(f.deadlines.explanation!)} đã qua`;
    items.push(explanations);
    items.push(surveyFresh(f.survey));
    items.push(deadline('appraisal_deadline', 'Đã qua hạn thẩm định', f.deadlines.appraisal, f.now));
  } else if (to === 'approved') {
    const undecided = perUnit('council_decided', 'Hội đồng đã quyết định mọi nội dung cần quyết định (có ý kiến giải trình hoặc chưa có đề xuất thẩm định)', f.units, (u) => u.undecided > 0, 'còn nội dung chưa được Hội đồng quyết định');
    const n = f.units.reduce((s, u) => s + u.undecided, 0);
    if (n) undecided.count += ` (${num(n)} nội dung)`;
    // Final points are made from the council's decisions: approving without them would silently pick another score
    // (and the approval itself refuses it), so no reason lifts this item.
    undecided.overridable = false;
    items.push(undecided);
  } else if (to === 'published') {
    const { computedAt, lastScoreChangeAt } = f.results;
    const ok = computedAt !== null && (lastScoreChangeAt === null || computedAt.getTime() >= lastScoreChangeAt.getTime());
    items.push({
      code: 'results_fresh',
      label: 'Kết quả đã tính sau lần thay đổi điểm cuối cùng',
      ok,
      count: computedAt === null ? 'Chưa tính kết quả' : ok ? `Tính lúc ${dateTime(computedAt)}` : `Điểm đổi lúc ${dateTime(lastScoreChangeAt!)}, sau lần tính lúc ${dateTime(computedAt)}`,
      units: [],
      overridable: true,
    });
  }
  const unmet = items.filter((i) => !i.ok);
  return { from, to, ok: unmet.length === 0, overridable: unmet.every((i) => i.overridable), items };
}

/** The refusal's message: the unmet items with their counts, and the way forward. */
export function refusalMessage(toLabel: string, c: Checklist): string {
  const unmet = c.items.filter((i) => !i.ok).map((i) => `${i.label.charAt(0).toLowerCase()}${i.label.slice(1)} — chưa đạt${i.count ? ` (${i.count})` : ''}`);
  const next = c.overridable
    ? 'Hãy hoàn thành các mục này, hoặc chuyển giai đoạn dù chưa đạt kèm lý do (ít nhất 10 ký tự; được ghi vào nhật ký).'
    : 'Mục này không thể bỏ qua: hãy hoàn thành trước.';
  return `Chưa đủ điều kiện chuyển sang "${toLabel}": ${unmet.join('; ')}. ${next}`;
}
