/**
 * The rubric in Chromium on the seeded demo province: the secretariat opens "Bộ chỉ số", reads
 * the 2026 tree, uploads a broken annex and sees each error at its sheet, row and column, uploads
 * the fixed one (the 2027 rubric), compares it with the previous year's and sees the differences,
 * then previews replacing the rubric of the running 2026 cycle; a visitor opens the rubric page
 * of the published 2025 year from the results, and a scorecard leaf's code takes them to that
 * leaf on it. Screenshots: e2e/artifacts/rubric/.
 * Run: npx vitest run --config e2e/vitest.config.ts e2e/rubric.e2e.test.ts
 */
import type { RubricDocument } from '@parindex/contracts';
import { describe, expect, it } from 'vitest';
import { BROKEN, REVISION, brokenWorkbook, reviseRubric } from '../apps/server/src/http/rubric-routes.fixtures.ts';
import { exportRubricXlsx } from '../apps/server/src/rubric-io/rubric-xlsx.ts';
import { DESKTOP as VIEWPORT, e2eSession } from './session.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Tree { leaves: number; fields: { code: string; children: unknown[] }[] }

describe('the rubric pages in Chromium', () => {
  const session = e2eSession('rubric');
  const { errors, shot, pick } = session;
  const newPage = () => session.newPage('sonoivu', { acceptDownloads: true, consoleErrors: true });
  const signIn = (username: string) => session.signIn(username, { acceptDownloads: true, consoleErrors: true, waitForLanding: false });

  it('uploads a broken annex, then the fixed one, compares it with last year’s and previews a replacement', async () => {
    errors.length = 0;
    const page = await signIn('sonoivu');
    await page.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Bộ chỉ số' }).click();
    await page.waitForURL('**/work/rubrics');
    await page.getByRole('heading', { level: 2, name: 'Bộ chỉ số' }).waitFor();
    const versionRows = page.locator('.rubric-versions .ant-table-tbody tr.ant-table-row');
    await versionRows.first().waitFor();
    expect(await versionRows.count()).toBe(2);
    expect(await versionRows.nth(0).textContent()).toContain('SH-CCHC-2026');
    expect(await versionRows.nth(1).textContent()).toContain('SH-CCHC-2025');
    await shot(page, '01-versions');

    // The tree of the 2026 version: codes, maxima, rules as sentences, evidence.
    await page.getByRole('button', { name: 'Xem cây tiêu chí SH-CCHC-2026, phiên bản 1' }).click();
    await page.getByRole('heading', { name: 'Cây tiêu chí: SH-CCHC-2026, phiên bản 1' }).waitFor();
    const leaf112 = page.getByRole('row').filter({ has: page.getByText('1.1.2', { exact: true }) });
    expect(await leaf112.textContent()).toContain('Tính tỷ lệ số nhiệm vụ hoàn thành trên tổng số nhiệm vụ: từ 100% trở lên: 1,5 điểm');
    expect(await leaf112.textContent()).toContain('Báo cáo kết quả thực hiện kế hoạch CCHC');
    await shot(page, '02-tree');
    await page.getByRole('row').filter({ has: page.getByText('1.1', { exact: true }) }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await shot(page, '02b-tree-rows');

    // A broken annex: every error in the table, at its sheet, row and column; nothing saved.
    const doc2026 = (await page.evaluate(async () => {
      const versions = (await (await fetch('/api/work/rubrics')).json()) as { id: string; code: string }[];
      const id = versions.find((v) => v.code === 'SH-CCHC-2026')!.id;
      return (await fetch(`/api/work/rubrics/${id}/export?format=json`)).json();
    })) as RubricDocument;
    const revised = reviseRubric(doc2026, { code: 'SH-CCHC-2027', year: 2027 });
    const broken = await brokenWorkbook(revised);
    await page.getByRole('tab', { name: 'Tải lên' }).click();
    await page.getByLabel('Chọn tệp…').setInputFiles({ name: 'bo-chi-so-2027-loi.xlsx', mimeType: XLSX, buffer: broken.file });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: /^Tệp bộ chỉ số có \d+ lỗi; chưa lưu gì\./ });
    await refusal.waitFor();
    const count = Number(/có (\d+) lỗi/.exec((await refusal.textContent())!)![1]);
    const errorRows = page.locator('.rubric-errors .ant-table-tbody tr.ant-table-row');
    expect(await errorRows.count()).toBe(count);
    await page.getByText(`${count} lỗi cần sửa`).waitFor();
    const maxRow = errorRows.filter({ hasText: BROKEN.maxText });
    expect((await maxRow.locator('td').allTextContents()).slice(0, 3)).toEqual(['Bộ tiêu chí', String(broken.maxRow), 'Điểm tối đa']);
    const methodRow = errorRows.filter({ hasText: BROKEN.methodText });
    expect((await methodRow.locator('td').allTextContents()).slice(0, 3)).toEqual(['Bộ tiêu chí', String(broken.methodRow), 'Phương pháp chấm điểm']);
    await shot(page, '03-upload-errors', true);

    // The fixed annex becomes SH-CCHC-2027, version 1.
    await page.getByLabel('Chọn tệp…').setInputFiles({ name: 'bo-chi-so-2027.xlsx', mimeType: XLSX, buffer: await exportRubricXlsx(revised) });
    await page.getByRole('button', { name: 'Tải lên và kiểm tra' }).click();
    await page.getByRole('status').filter({ hasText: /^Đã lưu SH-CCHC-2027, phiên bản 1/ }).waitFor();
    expect(await errorRows.count()).toBe(0);
    await shot(page, '04-uploaded');

    // Compared with the previous year's rubric: the differences, each in its table.
    await page.getByRole('button', { name: 'So sánh với phiên bản trước' }).click();
    const part = (title: string) => page.locator('.rubric-part').filter({ has: page.getByRole('heading', { level: 4, name: new RegExp(`^${title} \\d+$`) }) });
    await part('Thêm').waitFor();
    expect(await page.locator('.rubric-compare__pick', { has: page.locator('#compare-from') }).textContent()).toMatch(/SH-CCHC-2026 · phiên bản 1 · năm 2026.*→.*SH-CCHC-2027 · phiên bản 1 · năm 2027/);
    const rows = (title: string) => part(title).locator('tbody tr.ant-table-row');
    expect(await rows('Thêm').count()).toBe(1);
    expect(await rows('Thêm').first().textContent()).toContain(`${REVISION.added.code}${REVISION.added.title}0,5`);
    expect(await rows('Bỏ').count()).toBe(1);
    expect(await rows('Bỏ').first().textContent()).toContain(REVISION.removed);
    expect(await rows('Đổi điểm tối đa').count()).toBe(2);
    expect(await rows('Đổi điểm tối đa').first().locator('td').allTextContents()).toEqual(['1.1.1', expect.any(String), '1', '0,5']);
    expect(await rows('Đổi cách chấm').filter({ hasText: REVISION.ruleChanged }).textContent()).toContain('Chấm trực tiếp từ 0 đến 0,5 điểm.');
    expect(await rows('Đổi nội dung').filter({ hasText: REVISION.retitled.title }).count()).toBe(1);
    expect(await rows('Đổi thông tin chung').filter({ has: page.getByRole('cell', { name: 'Năm', exact: true }) }).locator('td').allTextContents()).toEqual(['Năm', '2026', '2027']);
    await shot(page, '05-compare', true);

    // Replacing the rubric of the running 2026 cycle: the report first, refused until the points above 0,5 are rescaled.
    await page.getByRole('tab', { name: 'Thay cho kỳ đang chấm' }).click();
    await pick(page, page.locator('#replace-cycle'), 'Chỉ số CCHC năm 2026');
    await page.getByText('Đang dùng: SH-CCHC-2026, phiên bản 1').waitFor();
    await pick(page, page.locator('#replace-version'), 'SH-CCHC-2027 · phiên bản 1');
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('status').filter({ hasText: /^Không thay được bộ chỉ số: \d+ điểm đã chấm vượt điểm tối đa mới/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Xác nhận thay bộ chỉ số' }).isDisabled()).toBe(true);
    await page.getByText(/^\d+ điểm đã chấm vượt điểm tối đa mới$/).waitFor();
    await shot(page, '06-replace-refused', true);
    await page.getByLabel(/Quy đổi điểm đã chấm vượt điểm tối đa mới theo tỷ lệ/).check();
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await page.getByRole('status').filter({ hasText: /^Có thể thay bộ chỉ số bằng SH-CCHC-2027, phiên bản 1; \d+ điểm được quy đổi theo tỷ lệ\.$/ }).waitFor();
    await page.getByRole('button', { name: 'Xác nhận thay bộ chỉ số' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Thay' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thay bộ chỉ số bằng SH-CCHC-2027, phiên bản 1.' }).waitFor();
    await shot(page, '07-replaced');
    await page.getByRole('tab', { name: 'Các phiên bản' }).click();
    const row2027 = versionRows.filter({ hasText: 'SH-CCHC-2027' });
    await row2027.getByText('2026 · Tự đánh giá').waitFor();
    expect(await versionRows.count()).toBe(3);

    // The browser logs the refused upload (400) itself; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
  });

  it('shows a visitor the rubric of a published year, reached from the results and from a scorecard leaf', async () => {
    errors.length = 0;
    const cycles = (await (await fetch(`${session.server.url}/api/cycles`)).json()) as { id: string; year: number }[];
    const cycle2025 = cycles.find((c) => c.year === 2025)!.id;
    const tree = ((await (await fetch(`${session.server.url}/api/cycles/${cycle2025}/rubric`)).json()) as { rubric: Tree }).rubric;

    const page = await newPage();
    await page.goto(`${session.server.url}/cycles/${cycle2025}`, { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Bộ chỉ số năm 2025' }).click();
    await page.waitForURL(`**/cycles/${cycle2025}/rubric`);
    await page.getByRole('heading', { level: 2, name: 'Bộ chỉ số đánh giá năm 2025' }).waitFor();
    expect(await page.locator('.rp-leaf').count()).toBe(tree.leaves);
    expect(await page.locator('section.rp-branch--field').count()).toBe(tree.fields.length);
    const leaf = page.locator('#tc-1\\.1\\.1');
    expect(await leaf.getByText('tối đa 1 điểm').count()).toBe(1);
    expect(await leaf.textContent()).toContain('Kế hoạch CCHC năm 2025 của đơn vị');
    expect(await page.getByRole('link', { name: 'Tải bộ chỉ số (Excel .xlsx)' }).getAttribute('href')).toBe(`/api/cycles/${cycle2025}/rubric/export`);
    await shot(page, '08-portal-rubric');

    // A unit's scorecard: the code of a leaf that lost points opens that leaf on the rubric page.
    const results = (await (await fetch(`${session.server.url}/api/cycles/${cycle2025}/results`)).json()) as { groups: { units: { unitId: string }[] }[] };
    await page.goto(`${session.server.url}/cycles/${cycle2025}/units/${results.groups[0].units.at(-1)!.unitId}`, { waitUntil: 'networkidle' });
    const codeLink = page.locator('#sc-leaves').locator('xpath=ancestor::section[1]').locator('tbody a.sc-code').first();
    const code = (await codeLink.textContent())!;
    await codeLink.click();
    await page.waitForURL(`**/cycles/${cycle2025}/rubric#tc-${code}`);
    const target = page.locator(`[id="tc-${code}"]`);
    await target.and(page.locator('.is-target')).waitFor();
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(VIEWPORT.height);
    await shot(page, '09-scorecard-leaf-anchor');

    // An unpublished year has no public rubric.
    await page.goto(`${session.server.url}/cycles/${await unpublishedId()}/rubric`, { waitUntil: 'networkidle' });
    await page.getByRole('alert').filter({ hasText: 'chưa được công bố' }).waitFor();
    await shot(page, '10-unpublished');
    // The browser logs the refused request (404) itself; nothing else may go wrong.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });

  /** The 2026 cycle's id, read by the secretariat (the public cannot list unpublished cycles). */
  async function unpublishedId(): Promise<string> {
    const page = await signIn('sonoivu');
    const id = await page.evaluate(async () => ((await (await fetch('/api/work/cycles')).json()) as { id: string; year: number }[]).find((c) => c.year === 2026)!.id);
    await page.context().close();
    return id;
  }
});
