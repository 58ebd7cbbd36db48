/**
 * A whole assessment cycle over HTTP on the demo province, on PGlite and on PostgreSQL: the unit
 * self-assesses with evidence and submits, an appraiser proposes, the unit explains, the council
 * decides, the chair approves, the secretariat publishes and corrects; every step checked as a
 * user would see it, with the refusals a user would hit (stale save, bad file, wrong person).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_UNIT_CODE, demoReportPdf } from '../seed/seed-workflow.ts';
import { seedDemoIfEmpty } from '../seed/seed-demo.ts';
import { publications } from '../db/schema.ts';
import { eq } from 'drizzle-orm';
import { describeEachDatabase } from '../testing/databases.ts';
import { login, type TestSession } from '../testing/sessions.ts';
import { EVIDENCE_META, multipart } from '../services/workflow/testing.ts';
import { buildApp } from './app.ts';

describeEachDatabase('assessment cycle over HTTP', (getDb, kind) => {
  let app: FastifyInstance;
  let cycleId: string;
  let unitId: string;
  let officer: TestSession, head: TestSession, secretariat: TestSession, appraiser: TestSession, appraiser2: TestSession, member: TestSession, chair: TestSession;
  const api = (s: TestSession | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url, headers: s ? s.headers : { 'x-requested-with': 'ParIndex' }, payload: payload as object });

  beforeAll(async () => {
    await seedDemoIfEmpty(getDb());
    app = await buildApp({ database: { db: getDb(), kind, close: async () => {} } });
    officer = await login(app, 'tuphap.daumoi');
    head = await login(app, 'tuphap.giamdoc');
    secretariat = await login(app, 'sonoivu');
    appraiser = await login(app, 'thamdinh1');
    appraiser2 = await login(app, 'thamdinh2');
    member = await login(app, 'hoidong.thanhvien');
    chair = await login(app, 'hoidong.chutich');
    const cycles = (await api(secretariat, 'GET', '/api/work/cycles')).json();
    cycleId = cycles.find((c: { year: number }) => c.year === 2026).id;
    unitId = officer.user.unitId!;
  }, 120_000);
  afterAll(() => app?.close());

  it('refuses a wrong password, and locks the account after five', async () => {
    const bad = await api(null, 'POST', '/api/auth/login', { username: 'lanhdao', password: 'sai-mat-khau-1' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().error.message).toContain('không đúng');
    for (let i = 0; i < 4; i++) await api(null, 'POST', '/api/auth/login', { username: 'lanhdao', password: 'sai-mat-khau-1' });
    const locked = await api(null, 'POST', '/api/auth/login', { username: 'lanhdao', password: 'SonHa-CCHC-2026' });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.message).toContain('tạm khóa');
  });

  it('refuses a state change without the CSRF token', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/work/cycles/${cycleId}/units/${unitId}/submit`, headers: { cookie: head.headers.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('giả mạo');
  });

  it('runs the cycle from self-assessment to publication', async () => {
    // --- self-assessment: two leaves left, one needing evidence
    let sheet = (await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/sheet`)).json();
    expect(sheet.unit.code).toBe(DEMO_UNIT_CODE);
    expect(sheet.editable.self).toBe(true);
    const todo = sheet.leaves.filter((l: { source: string; selfPoints: string | null }) => l.source === 'appraised' && l.selfPoints === null);
    expect(todo).toHaveLength(2);
    expect(sheet.progress.done).toBe(sheet.progress.leaves - 2);

    const submitEarly = await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/submit`);
    expect(submitEarly.statusCode).toBe(400);
    expect(submitEarly.json().error.message).toContain('Còn 2 tiêu chí');

    const plain = todo.find((l: { evidenceRequired: boolean }) => !l.evidenceRequired);
    const withEvidence = todo.find((l: { evidenceRequired: boolean }) => l.evidenceRequired);
    const inputsFor = (l: { rule: { type: string; levels?: { code: string }[] }; max: string }) =>
      l.rule.type === 'levels' ? { level: l.rule.levels![0].code } : l.rule.type === 'binary' ? { met: true } : l.rule.type === 'manual' ? { points: l.max } : l.rule.type === 'count' ? { count: 0 } : { numerator: 4870, denominator: 4902 };

    // bad inputs are refused with a message naming the leaf, and nothing is saved
    type L = { code: string; rule: { type: string }; revision: number; selfPoints: string | null; max: string };
    const ratioLeaf: L = sheet.leaves.find((l: L) => ['ratio_bands', 'proportional'].includes(l.rule.type) && l.selfPoints !== null);
    const bad = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${ratioLeaf.code}/self`, { inputs: { numerator: 5000, denominator: 10 }, revision: ratioLeaf.revision });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain(`Tiêu chí ${ratioLeaf.code}`);
    expect(bad.json().error.message).toContain('lớn hơn');
    const manualLeaf: L | undefined = sheet.leaves.find((l: L) => l.rule.type === 'manual' && l.selfPoints !== null);
    if (manualLeaf) {
      const over = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${manualLeaf.code}/self`, { inputs: { points: '99' }, revision: manualLeaf.revision });
      expect(over.statusCode).toBe(400);
      expect(over.json().error.message).toContain('vượt điểm tối đa');
    }
    const after = (await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/sheet`)).json();
    expect(after.leaves.find((l: L) => l.code === ratioLeaf.code)).toMatchObject({ selfPoints: ratioLeaf.selfPoints, revision: ratioLeaf.revision });

    const saved = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${plain.code}/self`, { inputs: inputsFor(plain), note: 'Đã thực hiện đầy đủ.', revision: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().selfPoints).not.toBeNull();
    expect(saved.json().revision).toBe(1);

    // two people saving the same leaf: the second gets 409 with the current value
    const stale = await api(head, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${plain.code}/self`, { inputs: inputsFor(plain), note: 'Ghi đè', revision: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details.current.selfNote).toBe('Đã thực hiện đầy đủ.');

    // evidence: empty, forged and too large files are refused; a real PDF is accepted
    const url = `/api/work/cycles/${cycleId}/units/${unitId}/documents`;
    const up = (name: string, content: Buffer, fields?: Record<string, string>) => {
      const m = multipart(name, content, fields ?? EVIDENCE_META);
      return app.inject({ method: 'POST', url, headers: { ...officer.headers, 'content-type': m.contentType }, payload: m.payload });
    };
    const empty = await up('trong.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toContain('rỗng');
    const exe = await up('bao-cao.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(2000)]));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.message).toContain('không phải PDF');
    const big = await up('lon.pdf', Buffer.concat([demoReportPdf('x'), Buffer.alloc(21 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    const good = await up('ke-hoach-cchc-2026.pdf', demoReportPdf('Ke hoach CCHC 2026'), { numberSymbol: '05/KH-STP', issuedDate: '2025-12-28', issuer: 'Sở Tư pháp' });
    expect(good.statusCode).toBe(200);
    expect(good.json().warnings[0]).toContain('ngoài năm đánh giá 2026');
    const docId = good.json().id;

    const linked = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${withEvidence.code}/evidence`, { documentId: docId, page: '3' });
    expect(linked.statusCode).toBe(200);
    expect(linked.json().evidence[0]).toMatchObject({ fileName: 'ke-hoach-cchc-2026.pdf', page: '3', outsideYear: true });
    const ev = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${withEvidence.code}/self`, { inputs: inputsFor(withEvidence), revision: linked.json().revision });
    expect(ev.statusCode).toBe(200);
    expect(Number(ev.json().selfPoints)).toBeGreaterThan(0);

    const file = await api(secretariat, 'GET', `/api/work/documents/${docId}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');

    // the head submits; the submission is locked
    const submit = await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/submit`);
    expect(submit.statusCode).toBe(200);
    const locked = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${plain.code}/self`, { inputs: inputsFor(plain), revision: 1 });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.message).toContain('trả lại');

    // --- appraisal
    expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'appraisal', override: { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' } })).statusCode).toBe(200);
    const queue = (await api(appraiser, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json();
    const mine = queue.items.filter((i: { unitId: string }) => i.unitId === unitId);
    expect(mine.length).toBeGreaterThan(10);
    const target = mine.find((i: { selfPoints: string | null; max: string }) => i.selfPoints !== null && Number(i.selfPoints) > 0);
    const noReason = await api(appraiser, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/proposal`, { points: '0', revision: target.revision });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('phải ghi lý do');
    const proposed = await api(appraiser, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/proposal`, { points: '0', reason: 'Tài liệu kiểm chứng không chứng minh được kết quả.', revision: target.revision });
    expect(proposed.statusCode).toBe(200);
    expect(proposed.json().proposedPoints).toBe('0');
    // Every assigned leaf gets a proposal (both appraisers), so the unit may send its explanation.
    const rest = mine.filter((i: { leafCode: string; selfPoints: string | null }) => i.leafCode !== target.leafCode && i.selfPoints !== null);
    const accepted = await api(appraiser, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: rest.map((i: { unitId: string; leafCode: string; revision: number }) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision })) });
    expect(accepted.json()).toMatchObject({ accepted: rest.length, skipped: 0 });
    const theirs = (await api(appraiser2, 'GET', `/api/work/cycles/${cycleId}/appraisal`)).json().items.filter((i: { unitId: string }) => i.unitId === unitId);
    expect((await api(appraiser2, 'POST', `/api/work/cycles/${cycleId}/appraisal/accept`, { items: theirs.map((i: { unitId: string; leafCode: string; revision: number }) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision })) })).statusCode).toBe(200);
    // not assigned to that field, and never their own unit
    const notMine = await api(appraiser2, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/proposal`, { points: '0', reason: 'x', revision: 1 });
    expect(notMine.statusCode).toBe(403);
    const ownUnit = await api(appraiser2, 'PUT', `/api/work/cycles/${cycleId}/units/${appraiser2.user.unitId}/leaves/${target.leafCode}/proposal`, { points: '0', reason: 'x', revision: 0 });
    expect(ownUnit.statusCode).toBe(403);
    expect(ownUnit.json().error.message).toContain('xung đột lợi ích');

    // --- explanation
    sheet = (await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/sheet`)).json();
    const disputed = sheet.leaves.find((l: { code: string }) => l.code === target.leafCode);
    expect(disputed.proposedReason).toContain('không chứng minh');
    // new evidence supports the explanation but never changes the self-assessed score
    const relinked = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/evidence`, { documentId: docId, page: '4' });
    expect(relinked.statusCode).toBe(200);
    expect(relinked.json()).toMatchObject({ selfPoints: disputed.selfPoints, revision: disputed.revision });
    const explained = await api(officer, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/response`, { response: 'explained', text: 'Bổ sung Kế hoạch số 05/KH-STP, trang 3.', revision: disputed.revision });
    expect(explained.statusCode).toBe(200);
    expect((await api(head, 'POST', `/api/work/cycles/${cycleId}/units/${unitId}/explanation/submit`)).statusCode).toBe(200);

    // --- council
    expect((await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/status`, { to: 'council', override: { reason: 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.' } })).statusCode).toBe(200);
    const items = (await api(member, 'GET', `/api/work/cycles/${cycleId}/council`)).json();
    const item = items.find((i: { unitId: string; leafCode: string }) => i.unitId === unitId && i.leafCode === target.leafCode);
    expect(item).toMatchObject({ proposedPoints: '0', responseText: 'Bổ sung Kế hoạch số 05/KH-STP, trang 3.' });
    const early = await api(chair, 'POST', `/api/work/cycles/${cycleId}/approve`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('chưa được Hội đồng quyết định');
    // A figure the leaf's rule can give, other than the proposal's 0.
    const half = item.allowed.kind === 'values' ? item.allowed.values.find((v: string) => v !== '0') : (Number(target.max) / 2).toString();
    const decided = await api(member, 'PUT', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/council`, { points: half, reason: 'Chấp nhận một phần giải trình.', revision: item.revision });
    expect(decided.statusCode).toBe(200);
    // The cycle moved on with other units' assigned leaves never proposed: those are the council's too, decided in one go.
    type Left = { kind: string; unitId: string; leafCode: string; revision: number; selfPoints: string | null; councilPoints: string | null; allowed: { kind: string; values?: string[] } };
    const left = ((await api(member, 'GET', `/api/work/cycles/${cycleId}/council`)).json() as Left[]).filter((i) => i.councilPoints === null);
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((i) => i.kind === 'unproposed' && i.unitId !== unitId)).toBe(true);
    const lowest = (i: Left) => (i.allowed.kind === 'values' ? i.allowed.values![0] : '0');
    const many = await api(member, 'POST', `/api/work/cycles/${cycleId}/council/decisions`, {
      items: left.map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision, points: i.selfPoints === null ? lowest(i) : null })),
      reason: 'Hội đồng xem xét: giữ điểm tự chấm của các tiêu chí chưa được thẩm định.',
    });
    expect(many.statusCode).toBe(200);
    expect(many.json().decided).toBe(left.length);
    const minutes = await api(chair, 'GET', `/api/work/cycles/${cycleId}/council/minutes`);
    expect(minutes.statusCode).toBe(200);
    expect(minutes.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const approved = await api(chair, 'POST', `/api/work/cycles/${cycleId}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('approved');

    // the leaf's history: every stage's score and the audit entries
    const history = (await api(officer, 'GET', `/api/work/cycles/${cycleId}/units/${unitId}/leaves/${target.leafCode}/history`)).json();
    expect(history.leaf).toMatchObject({ proposedPoints: '0', councilPoints: half, finalPoints: half });
    expect(history.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['appraisal.propose', 'explanation.respond', 'council.decide', 'final.set']));
    const audit = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/audit?unitId=${unitId}&subject=${plain.code}`)).json();
    const save = audit.find((e: { action: string }) => e.action === 'self.save');
    expect(save.before).toBeNull();
    expect(save.after.note).toBe('Đã thực hiện đầy đủ.');
    expect(save.userName).toContain('Lê Minh Tuấn');

    // --- publication: invisible before, frozen after, a correction is a new version
    expect((await api(null, 'GET', `/api/cycles/${cycleId}/results`)).statusCode).toBe(404);
    const pub = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/publish`, { decisionNumber: '45/QĐ-UBND', decisionDate: '2027-02-20' });
    expect(pub.statusCode).toBe(200);
    const publicResults = await api(null, 'GET', `/api/cycles/${cycleId}/results`);
    expect(publicResults.statusCode).toBe(200);
    const row = publicResults.json().groups.flatMap((g: { units: unknown[] }) => g.units).find((u: { unitId: string }) => u.unitId === unitId);
    expect(row.classification).toBeTruthy();
    // The same figures are never republished: a correction changes leaves (corrections.int.test.ts).
    const republish = await api(secretariat, 'POST', `/api/work/cycles/${cycleId}/publish`, { decisionNumber: '52/QĐ-UBND', decisionDate: '2027-03-01', reason: 'Đính chính tên đơn vị.' });
    expect(republish.statusCode).toBe(409);
    expect(republish.json().error.message).toContain('Đính chính kết quả đã công bố');
    const versions = (await api(null, 'GET', `/api/cycles/${cycleId}/publications`)).json();
    expect(versions.map((v: { version: number; reason: string | null }) => [v.version, v.reason])).toEqual([[1, null]]);
    // the stages passed over an unmet checklist are in the published version's notes, with their reason
    const [stored] = await getDb().select().from(publications).where(eq(publications.cycleId, cycleId));
    const overrides = (stored!.results as { notes?: { kind: string; stage: string; reason: string }[] }).notes!.filter((n) => n.kind === 'override');
    expect(overrides.map((n) => n.stage).sort()).toEqual(['appraisal → council', 'open → appraisal']);
    expect(overrides.every((n) => n.reason === 'Kiểm thử: chuyển giai đoạn dù chưa đủ điều kiện.')).toBe(true);

    // the status board shows the unit submitted
    const board = (await api(secretariat, 'GET', `/api/work/cycles/${cycleId}/status-board`)).json();
    const mineRow = board.units.find((u: { unitId: string }) => u.unitId === unitId);
    expect(mineRow).toMatchObject({ selfStatus: 'submitted', explanationStatus: 'submitted', disputed: 1, decided: 1 });
  }, 180_000);
}, { truncateEach: false });
