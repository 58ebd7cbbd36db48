import { describe, expect, it } from 'vitest';
import { buildChecklist, type GateFacts, type GateUnitFacts, refusalMessage } from './cycle-gates.ts';

const unit = (id: string, name: string, over: Partial<GateUnitFacts> = {}): GateUnitFacts => ({
  id, name, selfSubmitted: true, explanationSent: true, assignedLeaves: 10, proposedLeaves: 10, undecided: 0, ...over,
});

const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  now: new Date('2026-12-07T03:00:00Z'),
  deadlines: { self: '2026-12-01', appraisal: '2026-12-05', explanation: '2026-12-06' },
  units: [unit('a', 'Sở Y tế'), unit('b', 'Ban Quản lý'), unit('c', 'Sở Tư pháp')],
  survey: { surveyLeaves: 2, questionnaires: 1, lastRunAt: new Date('2026-12-06T00:00:00Z'), newestChangeAt: new Date('2026-12-05T00:00:00Z'), newerResponses: 0 },
  results: { computedAt: new Date('2026-12-06T00:00:00Z'), lastScoreChangeAt: new Date('2026-12-05T00:00:00Z') },
  ...over,
});

const item = (c: ReturnType<typeof buildChecklist>, code: string) => c.items.find((i) => i.code === code)!;

describe('the checklist of a stage change', () => {
  it('open → appraisal: counts the units that have not submitted, names them in Vietnamese order, and waits for the self deadline', () => {
    const c = buildChecklist('open', 'appraisal', facts({
      deadlines: { self: '2026-12-20' },
      units: [unit('a', 'Sở Y tế', { selfSubmitted: false }), unit('b', 'Ban Quản lý'), unit('c', 'Đài Phát thanh', { selfSubmitted: false }), unit('d', 'Công an tỉnh', { selfSubmitted: false })],
    }));
    expect(c.ok).toBe(false);
    expect(item(c, 'self_submitted')).toMatchObject({ ok: false, count: '3/4 đơn vị chưa gửi' });
    // Vietnamese order: C < D < Đ < S, which a code-point sort gets wrong (Đ after S).
    expect(item(c, 'self_submitted').units.map((u) => u.name)).toEqual(['Công an tỉnh', 'Đài Phát thanh', 'Sở Y tế']);
    expect(item(c, 'self_deadline')).toMatchObject({ ok: false, count: 'Hạn 20/12/2026 chưa qua' });
    expect(refusalMessage('Thẩm định và giải trình', c)).toContain('3/4 đơn vị chưa gửi');
  });

  it('open → appraisal passes once every unit submitted and the deadline (inclusive, Vietnam time) is over', () => {
    expect(buildChecklist('open', 'appraisal', facts()).ok).toBe(true);
    // 2026-12-01 ends at 23:59:59 +07:00 = 16:59:59Z.
    expect(buildChecklist('open', 'appraisal', facts({ deadlines: { self: '2026-12-01' }, now: new Date('2026-12-01T16:00:00Z') })).ok).toBe(false);
  });

  it('appraisal → council: proposals, explanations (or their deadline), fresh survey scoring, appraisal deadline', () => {
    const units = [unit('a', 'Sở Y tế', { proposedLeaves: 7, explanationSent: false }), unit('b', 'Ban Quản lý'), unit('c', 'Sở Tư pháp', { proposedLeaves: 0 })];
    const c = buildChecklist('appraisal', 'council', facts({ units, deadlines: { appraisal: '2027-01-15', explanation: '2027-01-25' } }));
    expect(item(c, 'proposals_made')).toMatchObject({ ok: false, count: '2/3 đơn vị còn tiêu chí chưa có điểm đề xuất (13 tiêu chí)' });
    expect(item(c, 'explanations_sent')).toMatchObject({ ok: false, count: '1/3 đơn vị chưa gửi giải trình', units: [{ id: 'a', name: 'Sở Y tế' }] });
    expect(item(c, 'appraisal_deadline').ok).toBe(false);
    expect(item(c, 'survey_scored').ok).toBe(true);
    // After the explanation deadline, units that did not explain no longer hold the council up.
    const late = buildChecklist('appraisal', 'council', facts({ units }));
    expect(item(late, 'explanations_sent')).toMatchObject({ ok: true, count: 'Hạn giải trình 06/12/2026 đã qua' });
  });

  it('survey scoring: never run, stale after newer responses, or not needed without survey leaves', () => {
    const never = buildChecklist('appraisal', 'council', facts({ survey: { surveyLeaves: 2, questionnaires: 2, lastRunAt: null, newestChangeAt: new Date(), newerResponses: 0 } }));
    expect(item(never, 'survey_scored')).toMatchObject({ ok: false, count: 'Chưa chấm điểm khảo sát lần nào' });
    const stale = buildChecklist('appraisal', 'council', facts({ survey: { surveyLeaves: 2, questionnaires: 2, lastRunAt: new Date('2026-12-01T00:00:00Z'), newestChangeAt: new Date('2026-12-02T00:00:00Z'), newerResponses: 1234 } }));
    expect(item(stale, 'survey_scored').ok).toBe(false);
    expect(item(stale, 'survey_scored').count).toContain('1.234 phiếu nhận sau');
    const none = buildChecklist('appraisal', 'council', facts({ survey: { surveyLeaves: 0, questionnaires: 0, lastRunAt: null, newestChangeAt: null, newerResponses: 0 } }));
    expect(item(none, 'survey_scored').ok).toBe(true);
  });

  it('council → approved: undecided council items cannot be overridden', () => {
    const c = buildChecklist('council', 'approved', facts({ units: [unit('a', 'Sở Y tế', { undecided: 2 }), unit('b', 'Ban Quản lý')] }));
    expect(item(c, 'council_decided')).toMatchObject({ ok: false, count: '1/2 đơn vị còn nội dung chưa được Hội đồng quyết định (2 nội dung)', overridable: false });
    expect(c.overridable).toBe(false);
    expect(refusalMessage('Đã phê duyệt', c)).toContain('không thể bỏ qua');
  });

  it('approved → published: results computed after the last score change', () => {
    expect(item(buildChecklist('approved', 'published', facts()), 'results_fresh').ok).toBe(true);
    const stale = buildChecklist('approved', 'published', facts({ results: { computedAt: new Date('2026-12-01T00:00:00Z'), lastScoreChangeAt: new Date('2026-12-02T00:00:00Z') } }));
    expect(item(stale, 'results_fresh').ok).toBe(false);
    expect(item(buildChecklist('approved', 'published', facts({ results: { computedAt: null, lastScoreChangeAt: null } })), 'results_fresh').count).toBe('Chưa tính kết quả');
  });
});
