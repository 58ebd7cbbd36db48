/**
 * National indices, announcements and remediation plans in Chromium on the seeded demo
 * province: the secretariat reads the PAR Index table, tries a faulty import (the row-named error),
 * publishes an announcement a visitor then reads on /thong-bao and the portal home; Sở Tư pháp's
 * officer opens the 2025 remediation plan (the demo actions), pre-fills new rows from the criteria
 * that lost the most and saves them, then sees 2025's actions carried into 2026.
 * Screenshots: e2e/artifacts/planning/. Run: npx vitest run --config e2e/vitest.config.ts e2e/planning.e2e.test.ts
 */
import { describe, expect, it } from 'vitest';
import { e2eSession } from './session.ts';

const TITLE = 'Lịch tiếp nhận phiếu tự đánh giá năm 2026';

describe('national indices, announcements and remediation plans in Chromium', () => {
  const session = e2eSession('planning');
  const { errors, shot, newPage, signIn } = session;

  it('shows the national indices and publishes an announcement a visitor reads', async () => {
    const sec = await signIn('sonoivu');
    await sec.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Chỉ số quốc gia' }).click();
    await sec.waitForURL('**/work/external-indices');
    await sec.getByRole('heading', { level: 2, name: 'Chỉ số quốc gia của tỉnh' }).waitFor({ state: 'visible' });
    const par = sec.locator('.ant-card').filter({ has: sec.getByRole('heading', { level: 3, name: /PAR Index/ }) });
    await par.getByRole('row').filter({ hasText: '2024' }).first().waitFor({ state: 'visible' });
    expect(await par.getByRole('row').filter({ hasText: '2024' }).first().textContent()).toContain('còn 4 bậc');
    await shot(sec, '01-external-indices');

    // An import with a faulty value: the row-named error, nothing saved.
    await sec.getByLabel('Chọn tệp').setInputFiles({ name: 'chi-so.csv', mimeType: 'text/csv', buffer: Buffer.from('Chỉ số,Năm,Giá trị,Tối đa\nPCI,2025,abc,100\n', 'utf8') });
    await sec.getByRole('button', { name: 'Tải lên và nhập' }).click();
    await sec.getByRole('alert').filter({ hasText: /Dòng \d/ }).waitFor({ state: 'visible' });
    await shot(sec, '02-import-error');

    // The entry form of one year, with its components.
    await par.getByRole('row').filter({ hasText: '2024' }).first().getByRole('button', { name: 'Sửa kết quả' }).click();
    const modal = sec.locator('.ant-modal').filter({ hasText: 'kết quả năm 2024' });
    await modal.waitFor({ state: 'visible' });
    await shot(sec, '03-result-form');
    await modal.getByRole('button', { name: 'Huỷ' }).click();
    await modal.waitFor({ state: 'hidden' });

    // Announcements: write and publish.
    await sec.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Thông báo' }).click();
    await sec.getByRole('heading', { level: 2, name: 'Thông báo trên cổng công khai' }).waitFor({ state: 'visible' });
    await sec.getByLabel('Tiêu đề').fill(TITLE);
    await sec.getByLabel('Nội dung').fill('Các cơ quan, đơn vị nộp phiếu tự đánh giá trên phần mềm trước ngày 15/12/2026.\nLiên hệ Văn phòng Sở Nội vụ khi cần hỗ trợ.');
    await sec.getByRole('button', { name: 'Đăng ngay' }).click();
    await sec.getByRole('row').filter({ hasText: TITLE }).getByText('Đã đăng').waitFor({ state: 'visible' });
    await shot(sec, '04-announcements-work');

    const visitor = await newPage('visitor');
    await visitor.goto(`${session.server.url}/thong-bao`, { waitUntil: 'networkidle' });
    await visitor.getByRole('heading', { level: 2, name: TITLE }).waitFor({ state: 'visible' });
    const headings = await visitor.locator('.announcement h2').allTextContents();
    expect(headings[0]).toBe(TITLE); // newest first
    await shot(visitor, '05-thong-bao');
    await visitor.goto(`${session.server.url}/`, { waitUntil: 'networkidle' });
    await visitor.locator('.announcement-card').getByText(TITLE).waitFor({ state: 'visible' });
    await shot(visitor, '06-portal-home');
  });

  it("shows Sở Tư pháp's remediation plan and drafts new rows from the criteria that lost most", async () => {
    const officer = await signIn('tuphap.daumoi');
    const cycles = (await officer.evaluate(() => fetch('/api/work/cycles').then((r) => r.json()))) as { id: string; year: number }[];
    const c2025 = cycles.find((c) => c.year === 2025)!.id;
    const c2026 = cycles.find((c) => c.year === 2026)!.id;
    // The link from the unit's sheet.
    await officer.getByRole('link', { name: 'Kế hoạch khắc phục' }).click();
    await officer.waitForURL(`**/work/cycles/${c2026}/units/*/remediation`);
    const unitPath = new URL(officer.url()).pathname.split('/')[5];
    await officer.goto(`${session.server.url}/work/cycles/${c2025}/units/${unitPath}/remediation`, { waitUntil: 'networkidle' });
    await officer.getByRole('heading', { level: 2, name: /Kế hoạch khắc phục — Sở Tư pháp · 2025/ }).waitFor({ state: 'visible' });
    await officer.locator('.plan-table textarea').first().waitFor({ state: 'visible' });
    const values = await officer.locator('.plan-table textarea').evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value).join('|'));
    expect(values).toContain('Số hóa hồ sơ');
    await shot(officer, '07-plan-2025', true);

    await officer.getByRole('button', { name: 'Tạo từ các tiêu chí mất điểm nhiều nhất' }).click();
    await officer.getByRole('heading', { level: 4, name: /Việc mới \(chưa lưu\)/ }).waitFor({ state: 'visible' });
    await shot(officer, '08-drafts', true);
    // Saving without filling in: the server's message is shown.
    await officer.getByRole('button', { name: /^Lưu \d+ việc mới$/ }).click();
    await officer.getByRole('alert').filter({ hasText: /^Dòng 1 \(tiêu chí [\d.]+\): hãy ghi việc cần làm\.$/ }).waitFor({ state: 'visible' });
    await shot(officer, '09-drafts-error', true);
    const actions = officer.getByRole('textbox', { name: /^Việc cần làm / });
    const owners = officer.getByRole('textbox', { name: /^Phụ trách / });
    const before = await officer.locator('.plan-table tbody tr').count();
    const n = await officer.locator('.ant-table-tbody tr.ant-table-row').count();
    for (let i = 0; i < n; i++) {
      await actions.nth(before + i).fill(`Rà soát và bổ sung hồ sơ minh chứng (${i + 1})`);
      await owners.nth(before + i).fill('Văn phòng Sở');
    }
    await officer.getByRole('button', { name: /^Lưu \d+ việc mới$/ }).click({ timeout: 10_000 }).catch(async (e) => {
      await shot(officer, 'failed-save', true);
      throw new Error(`${String(e)}\n${errors.join('\n')}`);
    });
    await officer.getByRole('heading', { level: 4, name: /Việc mới/ }).waitFor({ state: 'hidden' });
    await expect.poll(() => officer.locator('.plan-table tbody tr').count()).toBe(before + n);
    await shot(officer, '10-plan-saved', true);

    // 2026: last year's actions with this year's result on the leaf.
    await officer.goto(`${session.server.url}/work/cycles/${c2026}/units/${unitPath}/remediation`, { waitUntil: 'networkidle' });
    await officer.getByRole('heading', { level: 3, name: /Việc của năm 2025 và kết quả năm 2026/ }).waitFor({ state: 'visible' });
    // The first table is 2025's plan carried over: every action, the ones just saved among them.
    const carried = officer.locator('.ant-table-wrapper').first().locator('tbody tr.ant-table-row');
    await expect.poll(() => carried.count()).toBe(before + n);
    for (let i = 0; i < n; i++) await expect(carried.filter({ hasText: `Rà soát và bổ sung hồ sơ minh chứng (${i + 1})` }).count()).resolves.toBe(1);
    await shot(officer, '11-plan-2026', true);

    expect(errors).toEqual([]);
  });
});
