/**
 * Accounts, cycle setup and the audit log in Chromium on the seeded demo province: the
 * administrator creates an account for a new officer of Sở Tư pháp (first with a weak password the
 * server refuses), the officer signs in and lands on the unit's sheet; the secretariat assigns
 * thamdinh1 to criterion 5.1 of the 2026 cycle and finds the assignment in the audit log.
 * Screenshots: e2e/artifacts/admin/. Run: npx vitest run --config e2e/vitest.config.ts e2e/admin.e2e.test.ts
 */
import { describe, expect, it } from 'vitest';
import { e2eSession } from './session.ts';

const NEW_USER = { username: 'tuphap.moi', fullName: 'Đinh Thị Hồng (đầu mối CCHC mới, Sở Tư pháp)', password: 'TuPhap-2026-moi' };

describe('accounts, cycle setup and audit log in Chromium', () => {
  const { errors, shot, signIn, pick } = e2eSession('admin');

  it('creates an account, assigns an appraiser and shows both in the audit log', async () => {
    // 1. The administrator creates an account for a new officer of Sở Tư pháp.
    const admin = await signIn('quantri');
    await admin.getByRole('link', { name: 'Tài khoản' }).click();
    await admin.getByRole('heading', { level: 2, name: 'Tài khoản người dùng' }).waitFor();
    await admin.getByText('thamdinh1').waitFor();
    await shot(admin, '01-users');
    await admin.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const modal = admin.locator('.ant-modal').filter({ hasText: 'Họ và tên' });
    await modal.getByLabel('Tên đăng nhập').fill(NEW_USER.username);
    await modal.getByLabel('Họ và tên').fill(NEW_USER.fullName);
    await pick(admin, modal.getByLabel('Đơn vị'), 'Sở Tư pháp');
    await modal.getByLabel('Mật khẩu').fill('ngan1');
    await modal.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await modal.getByRole('alert').filter({ hasText: 'Mật khẩu phải có ít nhất 12 ký tự' }).waitFor();
    await shot(admin, '02-create-weak-password');
    await modal.getByLabel('Mật khẩu').fill(NEW_USER.password);
    await modal.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await modal.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row').filter({ hasText: NEW_USER.username });
    await row.getByRole('cell', { name: 'Sở Tư pháp', exact: true }).waitFor();
    await row.getByText('Công chức đầu mối của đơn vị').waitFor();
    await shot(admin, '03-user-created');

    // 2. The new officer signs in and lands on the unit's own sheet.
    const officer = await signIn(NEW_USER.username, { password: NEW_USER.password });
    await officer.getByRole('heading', { level: 2, name: /Tự đánh giá Chỉ số CCHC năm 2026 — Sở Tư pháp/ }).waitFor();
    await shot(officer, '04-new-officer-sheet');

    // 3. The secretariat assigns thamdinh1 to criterion 5.1 of the 2026 cycle.
    const secretariat = await signIn('sonoivu');
    const cycleId = secretariat.url().split('/')[5];
    await secretariat.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Thiết lập kỳ' }).click();
    await secretariat.getByRole('heading', { level: 2, name: 'Thiết lập kỳ đánh giá năm 2026' }).waitFor();
    await shot(secretariat, '05-setup');
    await pick(secretariat, secretariat.locator('#assign-user'), 'Hoàng Thị Mai');
    await secretariat.getByText(/Đơn vị công tác \(không thẩm định\):/).waitFor();
    await pick(secretariat, secretariat.locator('#assign-node'), '5.1', '5.1 —');
    await secretariat.getByRole('button', { name: 'Phân công', exact: true }).click();
    await secretariat
      .getByText(/^Đã phân công Hoàng Thị Mai.* thẩm định 5\.1\.$/)
      .waitFor({ timeout: 15_000 })
      .catch(async (e) => {
        await shot(secretariat, 'failed-assign');
        throw e;
      });
    const assigned = secretariat.locator('#assignments').getByRole('row').filter({ hasText: 'Hoàng Thị Mai' }).filter({ has: secretariat.getByText('5.1', { exact: true }) });
    await assigned.waitFor();
    expect(await assigned.count()).toBe(1);
    await assigned.scrollIntoViewIfNeeded();
    await shot(secretariat, '06-assigned');

    // An exclusion without its legal basis is refused in the form, naming the row.
    await secretariat.getByRole('button', { name: 'Sửa: Sở Tư pháp' }).click();
    const excl = secretariat.locator('.ant-modal').filter({ hasText: 'Loại trừ tiêu chí không áp dụng — Sở Tư pháp' });
    await excl.getByRole('button', { name: 'Thêm dòng' }).click();
    await pick(secretariat, excl.locator('.ant-select input').last(), '9.1', '9.1 —');
    await excl.getByRole('button', { name: 'Lưu loại trừ' }).click();
    await excl.getByRole('alert').filter({ hasText: /^Dòng \d+:/ }).waitFor();
    await shot(secretariat, '07-exclusion-error');
    await excl.getByRole('button', { name: 'Hủy' }).click();

    // 4. The audit log shows the assignment.
    await secretariat.getByRole('navigation', { name: 'Điều hướng khu làm việc' }).getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await secretariat.waitForURL(`**/work/cycles/${cycleId}/audit`);
    await secretariat.getByRole('heading', { level: 2, name: /Nhật ký thay đổi — kỳ đánh giá năm 2026/ }).waitFor();
    const entry = secretariat.getByRole('row').filter({ hasText: 'Phân công thẩm định' }).filter({ hasText: '5.1' });
    await entry.first().waitFor();
    expect(await entry.first().textContent()).toContain('Hoàng Thị Mai');
    await shot(secretariat, '08-audit');
    await secretariat.getByLabel('Mã tiêu chí').fill('5.1');
    await secretariat.getByLabel('Mã tiêu chí').press('Enter');
    await secretariat.getByText('1 dòng', { exact: true }).waitFor();
    expect(await secretariat.getByRole('row').filter({ hasText: 'Phân công thẩm định' }).count()).toBe(1);
    await shot(secretariat, '09-audit-filtered');

    expect(errors).toEqual([]);
  });
});
