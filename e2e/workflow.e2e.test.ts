/**
 * A whole assessment cycle in Debian's Chromium on the seeded demo province (2026, self-assessment
 * open): the Sở Tư pháp officer scores the two leaves left and uploads a PDF as evidence, the head
 * submits; the secretariat opens the appraisal; an appraiser proposes a lower score; the officer
 * explains and the head sends the explanation; the council decides and its chair approves; the
 * secretariat publishes; a visitor sees the 2026 results. Screenshots: e2e/artifacts/workflow/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoReportPdf } from '../apps/server/src/seed/seed-workflow.ts';
import { ROOT, type RunningServer, startServer, CHROMIUM, launchChromium } from './server.ts';

const ARTIFACTS = path.join(ROOT, 'e2e/artifacts/workflow');
const VIEWPORT = { width: 1366, height: 768 };
const PASSWORD = 'SonHa-CCHC-2026';

if (!existsSync(CHROMIUM)) console.warn(`[e2e] ${CHROMIUM} not found: the workflow browser test is skipped (apt-get install chromium).`);

interface Leaf {
  code: string;
  rule: { type: string; levels?: { code: string; points: string }[] };
  max: string;
  selfPoints: string | null;
  evidenceRequired: boolean;
  source: string;
}

describe.skipIf(!existsSync(CHROMIUM))('assessment workflow in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let cycleId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function shot(page: Page, name: string) {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: false });
  }

  /** A fresh browser context signed in as `username`; resolves on the user's landing page. */
  async function signIn(username: string, screenshot?: string): Promise<Page> {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'vi-VN', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
    await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    if (screenshot) await shot(page, screenshot);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/work\/cycles\/[^/]+\/(units\/[^/]+|appraisal|council|board)$/, { timeout: 20_000 });
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    return page;
  }

  async function confirm(page: Page, name: string, timeout = 20_000) {
    await page.getByRole('button', { name, exact: true }).first().click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
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
    await dialog.getByRole('checkbox', { name: 'Chuyển giai đoạn dù chưa đạt' }).check();
    await dialog.getByLabel(/^Lý do chuyển giai đoạn dù chưa đạt/).fill('Kiểm thử trình duyệt: chỉ Sở Tư pháp đi hết quy trình.');
    await dialog.getByRole('button', { name: 'Chuyển giai đoạn dù chưa đạt' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
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

    // 5. thamdinh1 proposes a lower score with a reason on one of Sở Tư pháp's leaves.
    const target = todo.find((l) => !l.evidenceRequired)!;
    const appraiser = await signIn('thamdinh1');
    await appraiser.getByRole('heading', { name: /Thẩm định kết quả tự đánh giá năm 2026/ }).waitFor();
    await appraiser.getByRole('combobox', { name: 'Đơn vị' }).click();
    await appraiser.keyboard.type('Sở Tư pháp');
    await appraiser.keyboard.press('Enter');
    await appraiser.getByPlaceholder('Tìm theo mã hoặc nội dung tiêu chí').fill(target.code);
    const proposal = appraiser.getByLabel(new RegExp(`^Điểm đề xuất ${target.code.replace(/\./g, '\\.')} — Sở Tư pháp$`));
    await proposal.fill('0');
    await appraiser.getByLabel(/^Lý do/).fill('Văn bản ban hành chậm so với kế hoạch, chưa đạt yêu cầu.');
    await appraiser.getByRole('button', { name: 'Lưu đề xuất' }).first().click();
    await appraiser.getByText('Đã lưu điểm đề xuất.').waitFor();
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

    // 7. The head sends the explanation.
    await head.reload({ waitUntil: 'networkidle' });
    await confirm(head, 'Gửi giải trình');
    await head.getByText(/Đơn vị đã gửi giải trình/).waitFor();
    await shot(head, '07-explanation-sent');

    // 8. The secretariat moves to the council.
    await secretariat.reload({ waitUntil: 'networkidle' });
    await moveOn(secretariat, 'Chuyển Hội đồng thẩm định');
    await secretariat.getByText('Hội đồng thẩm định', { exact: true }).first().waitFor();
    await shot(secretariat, '08-board-council');

    // 9. A council member decides.
    const member = await signIn('hoidong.thanhvien');
    await member.getByRole('heading', { name: /Hội đồng thẩm định — năm 2026/ }).waitFor();
    await member.getByLabel('Điểm Hội đồng quyết định').fill(target.rule.type === 'levels' ? target.rule.levels![0].points.replace('.', ',') : target.max.replace('.', ','));
    await member.getByLabel('Lý do quyết định').fill('Hội đồng chấp nhận giải trình: kế hoạch ban hành đúng hạn.');
    await member.getByRole('button', { name: 'Lưu quyết định' }).click();
    await member.getByText('Đã lưu quyết định của Hội đồng.').waitFor();
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
    await dialog.getByRole('button', { name: 'Công bố kết quả' }).click();
    await secretariat.getByText(/Đã công bố \(phiên bản 1\)/).waitFor({ timeout: 30_000 });
    await secretariat.getByText(/415\/QĐ-UBND/).first().waitFor();
    await shot(secretariat, '11-published');

    // 12. A visitor sees the 2026 results.
    const visitor = await (await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN' })).newPage();
    await visitor.goto(`${server.url}/cycles/${cycleId}`, { waitUntil: 'networkidle' });
    await visitor.getByRole('heading', { level: 2, name: 'Kết quả Chỉ số CCHC năm 2026' }).waitFor();
    await visitor.getByRole('link', { name: 'Sở Tư pháp' }).first().waitFor({ timeout: 15_000 });
    await shot(visitor, '12-public-results');
    const res = (await (await fetch(`${server.url}/api/cycles/${cycleId}/results`)).json()) as { groups: { units: { unitId: string }[] }[] };
    expect(res.groups.flatMap((g) => g.units).some((u) => u.unitId === unitId)).toBe(true);

    expect(errors).toEqual([]);
  }, 240_000);
});
