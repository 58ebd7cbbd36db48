/**
 * A whole assessment cycle in Chromium on the seeded demo province (2026, self-assessment
 * open): the Sở Tư pháp officer scores the two leaves left and uploads a PDF as evidence, the head
 * submits; the secretariat opens the appraisal; the head sees that the explanation waits for the
 * appraisers' proposals; the two appraisers propose on every assigned leaf of Sở Tư pháp (most
 * through the API, one accepted and one lower score chosen from the rule's values on the page); the
 * officer explains and the head sends the explanation; the council decides the other units'
 * unproposed items in bulk (API) and Sở Tư pháp's disputed one on the page; its chair approves; the
 * secretariat publishes; a visitor sees the 2026 results. Screenshots: e2e/artifacts/workflow/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoReportPdf } from '../apps/server/src/seed/seed-workflow.ts';
import { DESKTOP, e2eSession } from './session.ts';


interface QueueItem {
  unitId: string;
  unitName: string;
  leafCode: string;
  selfPoints: string | null;
  proposedPoints: string | null;
  revision: number;
}

interface CouncilItem extends QueueItem {
  kind: 'disputed' | 'unproposed';
  allowed: { kind: 'values'; values: string[] } | { kind: 'range'; max: string } | { kind: 'steps'; step: string; upTo: string; extra: string[] };
  councilPoints: string | null;
}

interface Leaf {
  code: string;
  rule: { type: string; levels?: { code: string; points: string }[] };
  max: string;
  selfPoints: string | null;
  evidenceRequired: boolean;
  source: string;
}

describe('assessment workflow in Chromium', () => {
  const session = e2eSession('workflow');
  const { errors, shot } = session;
  let cycleId: string;

  /** A fresh browser context signed in as `username`; resolves on the user's landing page. */
  const signIn = (username: string, screenshot?: string) => session.signIn(username, { acceptDownloads: true, screenshot });

  /**
   * Waits until no dialog is still zooming in. The zoom starts paused at the point clicked (the
   * header button): on a busy machine the OK button can look still for two frames there, so a
   * click aimed at it then lands beside it once the dialog grows — and the dialog never closes.
   */
  async function dialogSettled(page: Page) {
    await expect.poll(() => page.locator('.ant-modal[class*="-zoom-appear"], .ant-modal[class*="-zoom-enter"]').count(), { timeout: 10_000 }).toBe(0);
  }

  async function confirm(page: Page, name: string, timeout = 20_000) {
    await page.getByRole('button', { name, exact: true }).first().click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    await dialogSettled(page);
    await dialog.getByRole('button', { name, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout }).catch(async (e) => {
      await shot(page, `failed-${name}`);
      throw e;
    });
  }

  /** A stage change through the gate dialog (lifecycle-panel.tsx): the demo's other units are not done, so with an override and its reason. */
  async function moveOn(page: Page, label: string) {
    await page.getByRole('button', { name: label, exact: true }).first().click();
    const dialog = page.locator('.transition-dialog');
    await dialog.getByText('Chưa đủ điều kiện để chuyển giai đoạn:').waitFor();
    await dialogSettled(page);
    await dialog.getByRole('checkbox', { name: 'Chuyển giai đoạn dù chưa đạt' }).check();
    await dialog.getByLabel(/^Lý do chuyển giai đoạn dù chưa đạt/).fill('Kiểm thử trình duyệt: chỉ Sở Tư pháp đi hết quy trình.');
    await dialog.getByRole('button', { name: 'Chuyển giai đoạn dù chưa đạt' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  }

  /** A request from the signed-in page, with its session and CSRF token (as the web app sends it); throws on an error status. */
  async function api<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
    const res = await page.evaluate(
      async ({ method, url, body }) => {
        const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
        const r = await fetch(url, { method, headers: { 'x-csrf-token': me.csrfToken, 'x-requested-with': 'ParIndex', ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
        return { status: r.status, text: await r.text() };
      },
      { method, url, body },
    );
    if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status}: ${res.text.slice(0, 500)}`);
    return JSON.parse(res.text) as T;
  }

  async function sheet(page: Page): Promise<{ leaves: Leaf[]; unit: { id: string } }> {
    return page.evaluate(async (url) => (await fetch(url)).json(), new URL(page.url()).pathname.replace('/work/', '/api/work/') + '/sheet');
  }

  const cardOf = (page: Page, code: string) => page.locator(`#leaf-${code.replace(/\./g, '-')}`);

  /** Fills a leaf's input for full marks (or the best level), whatever its rule. */
  async function fillLeaf(page: Page, leaf: Leaf) {
    const card = cardOf(page, leaf.code);
    await card.scrollIntoViewIfNeeded();
    switch (leaf.rule.type) {
      case 'levels':
        await card.getByRole('radio').first().check();
        break;
      case 'binary':
        await card.getByText('Đạt', { exact: true }).first().click();
        break;
      case 'ratio_bands':
      case 'proportional':
        await card.locator('input[id$="-num"]').fill('19');
        await card.locator('input[id$="-den"]').fill('20');
        break;
      case 'count':
        await card.locator('input[id$="-count"]').fill('1');
        break;
      default:
        await card.locator('input[id$="-points"]').fill(leaf.max.replace('.', ','));
    }
    await card.getByLabel('Thuyết minh, giải thích').fill('Đã thực hiện đầy đủ theo kế hoạch CCHC năm 2026.');
    await card.getByText('Đã lưu').waitFor({ timeout: 15_000 });
  }

  it('runs a whole cycle with seven roles', async () => {
    // 1–2. The officer of Sở Tư pháp scores the two leaves left, one with an uploaded PDF.
    const officer = await signIn('tuphap.daumoi', '01-login');
    cycleId = officer.url().split('/')[5];
    await officer.getByRole('heading', { level: 2, name: /Tự đánh giá Chỉ số CCHC năm 2026 — Sở Tư pháp/ }).waitFor();
    const before = await sheet(officer);
    const todo = before.leaves.filter((l) => l.source === 'appraised' && l.selfPoints === null);
    expect(todo).toHaveLength(2);
    await officer.getByText(/^Chưa chấm xong/).click();
    for (const leaf of todo) await fillLeaf(officer, leaf);
    const needsEvidence = todo.find((l) => l.evidenceRequired)!;
    const card = cardOf(officer, needsEvidence.code);
    await card.getByRole('button', { name: /Gắn tài liệu/ }).click();
    const modal = officer.locator('.ant-modal').filter({ hasText: 'Tải lên tài liệu mới' });
    await modal.locator('input[type=file]').setInputFiles({ name: 'bao-cao-tu-phap-2026.pdf', mimeType: 'application/pdf', buffer: demoReportPdf('Bao cao CCHC nam 2026 - So Tu phap') });
    await modal.getByLabel('Số, ký hiệu').fill('25/BC-STP');
    await modal.getByLabel('Ngày ban hành').click();
    await modal.getByLabel('Ngày ban hành').fill('16/11/2026');
    await modal.getByLabel('Ngày ban hành').press('Enter');
    await modal.getByLabel('Cơ quan ban hành').fill('Sở Tư pháp');
    await modal.getByLabel('Người ký').fill('Phạm Quốc Bảo');
    await modal.getByRole('button', { name: 'Tải lên và gắn' }).click();
    await card.getByRole('link', { name: '25/BC-STP' }).waitFor({ timeout: 15_000 });
    const after = await sheet(officer);
    expect(after.leaves.filter((l) => l.source === 'appraised' && l.selfPoints === null)).toHaveLength(0);
    await card.scrollIntoViewIfNeeded();
    await shot(officer, '02-self-assessment');
    const unitId = after.unit.id;

    // 3. The head approves and submits.
    const head = await signIn('tuphap.giamdoc');
    await confirm(head, 'Phê duyệt và gửi');
    await head.getByText(/đã phê duyệt và gửi kết quả tự đánh giá/).waitFor();
    await shot(head, '03-head-submitted');

    // 4. The secretariat moves the cycle to appraisal.
    const secretariat = await signIn('sonoivu');
    await secretariat.getByRole('heading', { name: /Theo dõi tiến độ — năm 2026/ }).waitFor();
    await moveOn(secretariat, 'Chuyển sang thẩm định');
    await secretariat.getByRole('button', { name: 'Chuyển Hội đồng thẩm định' }).waitFor();
    await shot(secretariat, '04-board-appraisal');

    // 4b. The head cannot send the explanation yet: the page says why instead of offering it.
    await head.reload({ waitUntil: 'networkidle' });
    const waiting = head.locator('.explanation-waiting');
    await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toMatch(/Chưa gửi được giải trình: còn 74 tiêu chí được phân công thẩm định chưa có điểm đề xuất\..*Tiêu chí chờ đề xuất: 1\.1\.1, 1\.1\.2, 1\.1\.3,.*… \(\+54\).*sau hạn thẩm định 15\/01\/2027/);
    expect(await head.getByRole('button', { name: 'Gửi giải trình', exact: true }).isDisabled()).toBe(true);
    await shot(head, '04b-explanation-waiting');

    // 5. The appraisers propose on every assigned leaf of Sở Tư pháp: thamdinh2 (fields 5–8) and most
    // of thamdinh1's (fields 1–4, 9) accept the unit's scores through the API; on the page thamdinh1
    // accepts 1.1.2 and proposes a lower score on one of the leaves just scored, chosen among the rule's values.
    const target = todo.find((l) => !l.evidenceRequired)!;
    expect(target.rule.type).toBe('binary');
    const queueUrl = `/api/work/cycles/${cycleId}/appraisal`;
    const ofUnit = (q: { items: QueueItem[] }) => q.items.filter((i) => i.unitId === unitId);
    const appraiser2 = await signIn('thamdinh2');
    const queue2 = ofUnit(await api<{ items: QueueItem[] }>(appraiser2, 'GET', queueUrl));
    const appraiser = await signIn('thamdinh1');
    await appraiser.getByRole('heading', { name: /Thẩm định kết quả tự đánh giá năm 2026/ }).waitFor();
    const queue1 = ofUnit(await api<{ items: QueueItem[] }>(appraiser, 'GET', queueUrl));
    expect(queue1.length + queue2.length).toBe(74);
    const onPage = ['1.1.2', target.code];
    const accept = async (page: Page, items: QueueItem[]) => api<{ accepted: number; skipped: number }>(page, 'POST', `${queueUrl}/accept`, { items: items.map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision })) });
    expect(await accept(appraiser2, queue2)).toMatchObject({ accepted: queue2.length, skipped: 0 });
    expect(await accept(appraiser, queue1.filter((i) => !onPage.includes(i.leafCode)))).toMatchObject({ accepted: queue1.length - 2, skipped: 0 });
    await appraiser.reload({ waitUntil: 'networkidle' });
    await appraiser.getByRole('combobox', { name: 'Đơn vị' }).click();
    await appraiser.keyboard.type('Sở Tư pháp');
    await appraiser.keyboard.press('Enter');
    const search = appraiser.getByPlaceholder('Tìm theo mã hoặc nội dung tiêu chí');
    await search.fill('1.1.2');
    await appraiser.getByRole('checkbox', { name: 'Chọn 1.1.2 của Sở Tư pháp' }).check();
    await appraiser.getByRole('button', { name: 'Chấp nhận điểm tự chấm (1)' }).click();
    await appraiser.getByText('Đã chấp nhận điểm tự chấm cho 1 tiêu chí.').waitFor();
    await search.fill(target.code);
    const proposal = appraiser.getByRole('combobox', { name: `Điểm đề xuất ${target.code} — Sở Tư pháp` });
    await proposal.click();
    // Only what the rule gives: 0 (Không đạt) or the maximum (Đạt), with their meaning.
    const options = appraiser.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.allTextContents(), { timeout: 10_000 }).toEqual([`0 đ — Không đạt`, `${target.max.replace('.', ',')} đ — Đạt`]);
    await options.filter({ hasText: 'Không đạt' }).click();
    await appraiser.getByLabel(/^Lý do/).fill('Văn bản ban hành chậm so với kế hoạch, chưa đạt yêu cầu.');
    await appraiser.getByRole('button', { name: 'Lưu đề xuất' }).first().click();
    await appraiser.getByText('Đã lưu điểm đề xuất.').waitFor();
    const row = appraiser.locator('.ant-table-row').filter({ hasText: target.code });
    await expect.poll(() => row.locator('.ant-tag').first().textContent(), { timeout: 10_000 }).toBe('0');
    expect(ofUnit(await api<{ items: QueueItem[] }>(appraiser, 'GET', queueUrl)).filter((i) => i.proposedPoints === null)).toEqual([]);
    await shot(appraiser, '05-appraisal');

    // 6. The officer explains (giải trình).
    await officer.reload({ waitUntil: 'networkidle' });
    const explainCard = cardOf(officer, target.code);
    await explainCard.getByText('Giải trình', { exact: true }).click();
    await explainCard.getByLabel('Nội dung giải trình').fill('Kế hoạch được ban hành đúng hạn theo Quyết định số 12/QĐ-STP; đề nghị giữ điểm tự chấm.');
    await explainCard.getByRole('button', { name: 'Lưu ý kiến' }).click();
    await officer.getByText('Đã lưu ý kiến.').waitFor();
    await explainCard.scrollIntoViewIfNeeded();
    await shot(officer, '06-explanation');

    // 7. Every assigned leaf has a proposal: the head sends the explanation.
    await head.reload({ waitUntil: 'networkidle' });
    await head.getByText('Tổ thẩm định đã đề xuất điểm.', { exact: false }).waitFor();
    expect(await head.locator('.explanation-waiting').count()).toBe(0);
    await confirm(head, 'Gửi giải trình');
    await head.getByText(/Đơn vị đã gửi giải trình/).waitFor();
    await shot(head, '07-explanation-sent');

    // 8. The secretariat moves to the council.
    await secretariat.reload({ waitUntil: 'networkidle' });
    await moveOn(secretariat, 'Chuyển Hội đồng thẩm định');
    await secretariat.getByText('Hội đồng thẩm định', { exact: true }).first().waitFor();
    await shot(secretariat, '08-board-council');

    // 9. The council: the other units were not appraised, so their assigned leaves are "unproposed"
    // items, decided in bulk through the API; a member decides Sở Tư pháp's disputed item on the page.
    const member = await signIn('hoidong.thanhvien');
    await member.getByRole('heading', { name: /Hội đồng thẩm định — năm 2026/ }).waitFor();
    const councilUrl = `/api/work/cycles/${cycleId}/council`;
    const items = await api<CouncilItem[]>(member, 'GET', councilUrl);
    const ours = items.filter((i) => i.unitId === unitId);
    expect(ours.map((i) => [i.kind, i.leafCode])).toEqual([['disputed', target.code]]);
    const others = items.filter((i) => i.unitId !== unitId);
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((i) => i.kind === 'unproposed')).toBe(true);
    const lowest = (i: CouncilItem) => (i.allowed.kind === 'values' ? i.allowed.values[0] : '0');
    for (let k = 0; k < others.length; k += 1000) {
      const chunk = others.slice(k, k + 1000).map((i) => ({ unitId: i.unitId, leafCode: i.leafCode, revision: i.revision, ...(i.selfPoints === null ? { points: lowest(i) } : {}) }));
      await api(member, 'POST', `${councilUrl}/decisions`, { items: chunk, reason: 'Hội đồng giữ điểm tự chấm (đơn vị chưa tự chấm: điểm thấp nhất) do chưa có đề xuất thẩm định.' });
    }
    const t1 = Date.now();
    await member.reload({ waitUntil: 'networkidle' });
    const decidedText = member.getByText(/^Đã quyết định \d+\/\d+ nội dung$/);
    await expect.poll(() => decidedText.textContent(), { timeout: 30_000 }).toBe(`Đã quyết định ${others.length}/${items.length} nội dung`);
    console.log(`[e2e] council page with ${items.length} items shown in ${Date.now() - t1} ms`);
    // Thousands of items: the page shows them 20 at a time, filtered here to the unit.
    expect(await member.locator('.council-card').count()).toBe(20);
    await member.getByRole('combobox', { name: 'Đơn vị' }).click();
    await member.keyboard.type('Sở Tư pháp');
    await member.keyboard.press('Enter');
    await member.getByText(`1/${items.length} nội dung theo bộ lọc`).waitFor();
    expect(await member.locator('.council-card').count()).toBe(1);
    const councilCard = member.locator('.council-card').filter({ hasText: `Sở Tư pháp — ${target.code}` });
    await councilCard.scrollIntoViewIfNeeded();
    await councilCard.getByRole('combobox', { name: `Điểm Hội đồng quyết định — Sở Tư pháp, ${target.code}` }).click();
    const councilOptions = member.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => councilOptions.allTextContents(), { timeout: 10_000 }).toEqual([`0 đ — Không đạt`, `${target.max.replace('.', ',')} đ — Đạt`]);
    await councilOptions.filter({ hasText: '— Đạt' }).click();
    await councilCard.getByLabel('Lý do quyết định').fill('Hội đồng chấp nhận giải trình: kế hoạch ban hành đúng hạn.');
    await councilCard.getByRole('button', { name: 'Lưu quyết định' }).click();
    await member.getByText('Đã lưu quyết định của Hội đồng.').waitFor();
    await expect.poll(() => decidedText.textContent(), { timeout: 30_000 }).toBe(`Đã quyết định ${items.length}/${items.length} nội dung`);
    await expect.poll(() => councilCard.locator('.ant-tag').filter({ hasText: 'Hội đồng quyết định:' }).textContent(), { timeout: 15_000 }).toBe(`Hội đồng quyết định: ${target.max.replace('.', ',')}`);
    await shot(member, '09-council-decision');

    // 10. The chair approves the final scores.
    const chair = await signIn('hoidong.chutich');
    const t0 = Date.now();
    await confirm(chair, 'Phê duyệt điểm cuối cùng', 90_000);
    console.log(`[e2e] approval took ${Date.now() - t0} ms`);
    await chair.getByText(/Đã phê duyệt điểm cuối cùng/).waitFor({ timeout: 30_000 });
    await shot(chair, '10-chair-approved');

    // 11. The secretariat publishes with the decision number.
    await secretariat.reload({ waitUntil: 'networkidle' });
    await secretariat.getByLabel('Số quyết định phê duyệt').fill('415/QĐ-UBND');
    await secretariat.getByLabel('Ngày quyết định').click();
    await secretariat.getByLabel('Ngày quyết định').fill('20/03/2027');
    await secretariat.getByLabel('Ngày quyết định').press('Enter');
    const dialog = secretariat.locator('.ant-modal-confirm');
    // Enter in the date field may already submit the form (and open the confirmation).
    const appeared = await dialog.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false);
    if (!appeared) await secretariat.locator('#main').getByRole('button', { name: 'Công bố kết quả' }).click();
    await dialogSettled(secretariat);
    await dialog.getByRole('button', { name: 'Công bố kết quả' }).click();
    await secretariat.getByText(/Đã công bố \(phiên bản 1\)/).waitFor({ timeout: 30_000 });
    await secretariat.getByText(/415\/QĐ-UBND/).first().waitFor();
    await shot(secretariat, '11-published');

    // 12. A visitor sees the 2026 results.
    const visitor = await (await session.browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' })).newPage();
    await visitor.goto(`${session.server.url}/cycles/${cycleId}`, { waitUntil: 'networkidle' });
    await visitor.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2026' }).waitFor();
    await visitor.getByRole('link', { name: 'Sở Tư pháp' }).first().waitFor({ timeout: 15_000 });
    await shot(visitor, '12-public-results');
    const res = (await (await fetch(`${session.server.url}/api/cycles/${cycleId}/results`)).json()) as { groups: { units: { unitId: string }[] }[] };
    expect(res.groups.flatMap((g) => g.units).some((u) => u.unitId === unitId)).toBe(true);

    expect(errors).toEqual([]);
  }, 600_000); // seven roles, two stage changes, 3,500 council items and an approval: minutes on a busy 2-core machine
});
