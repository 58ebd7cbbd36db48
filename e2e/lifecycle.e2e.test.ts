/**
 * One gated stage change in Chromium on the seeded demo province (2026, self-assessment
 * open, most units not submitted): the secretariat's board shows the checklist of the move to
 * appraisal with its counts and links to the units concerned; the transition button's dialog
 * lists the unmet items and refuses to move without an override; with "Chuyển giai đoạn dù chưa
 * đạt" and a reason the cycle moves, and the board lists the override with its reason.
 * Screenshots: e2e/artifacts/lifecycle/.
 */
import { describe, expect, it } from 'vitest';
import { e2eSession } from './session.ts';

const REASON = 'Chỉ đạo của UBND tỉnh tại Công văn số 123/UBND-NC: thẩm định song song với việc bổ sung.';

describe('a gated stage change in Chromium', () => {
  const session = e2eSession('lifecycle');
  const { errors, shot } = session;

  it('shows the checklist, refuses without a reason, moves with an override, and the board shows it', async () => {
    const page = await session.signIn('sonoivu', { viewport: { width: 1366, height: 900 } });
    await page.waitForURL(/\/work\/cycles\/[^/]+\/board$/, { timeout: 20_000 });
    await page.getByRole('heading', { name: /Theo dõi tiến độ — năm 2026/ }).waitFor();

    // The checklist of the next stage, with its count and links to the units concerned.
    const card = page.locator('.gate-checklist');
    await card.getByRole('heading', { name: 'Điều kiện chuyển sang “Thẩm định và giải trình”' }).waitFor();
    const selfItem = card.locator('[data-code="self_submitted"]');
    await expect.poll(() => selfItem.textContent()).toMatch(/Chưa đạt.*Mọi đơn vị đã gửi kết quả tự đánh giá — \d+\/50 đơn vị chưa gửi/);
    const firstUnit = selfItem.getByRole('link').first();
    const unitName = (await firstUnit.textContent())!;
    expect(await firstUnit.getAttribute('href')).toMatch(/\/work\/cycles\/[^/]+\/units\/[^/]+$/);
    await card.scrollIntoViewIfNeeded();
    await shot(page, '01-board-checklist');

    // The transition button opens the dialog: unmet items with counts; no move without an override.
    await page.getByRole('button', { name: 'Chuyển sang thẩm định', exact: true }).click();
    const dialog = page.locator('.transition-dialog');
    await dialog.getByText('Chưa đủ điều kiện để chuyển giai đoạn:').waitFor();
    await expect.poll(() => dialog.locator('[data-code="self_submitted"]').textContent()).toMatch(/\d+\/50 đơn vị chưa gửi/);
    await dialog.getByRole('link', { name: `Mở phiếu của ${unitName}` }).waitFor();
    const move = dialog.getByRole('button', { name: 'Chuyển giai đoạn dù chưa đạt' });
    expect(await move.isDisabled()).toBe(true);
    await shot(page, '02-checklist-dialog');

    await dialog.getByRole('checkbox', { name: 'Chuyển giai đoạn dù chưa đạt' }).check();
    await dialog.getByLabel(/^Lý do chuyển giai đoạn dù chưa đạt/).fill('gấp');
    expect(await move.isDisabled()).toBe(true);
    await dialog.getByText('Lý do cần ít nhất 10 ký tự.').waitFor();
    await dialog.getByLabel(/^Lý do chuyển giai đoạn dù chưa đạt/).fill(REASON);
    await shot(page, '03-override-reason');
    await move.click();
    await page.getByText('Kỳ đánh giá đã chuyển sang “Thẩm định và giải trình”.').waitFor();
    await dialog.waitFor({ state: 'detached' });

    // The board: the next stage's button, and the override with its reason.
    await page.getByRole('button', { name: 'Chuyển Hội đồng thẩm định', exact: true }).waitFor();
    const overrides = page.locator('.gate-overrides');
    await overrides.getByText('Tự đánh giá → Thẩm định và giải trình').waitFor();
    await overrides.getByText(REASON).waitFor();
    await overrides.scrollIntoViewIfNeeded();
    await shot(page, '04-board-override');
    expect(errors).toEqual([]);
  });
});
