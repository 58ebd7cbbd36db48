import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api.ts';
import { conflictOf } from './conflict-dialog.tsx';
import { errorText } from './work-common.tsx';

describe('conflictOf', () => {
  const current = { revision: 4, selfPoints: '1', proposedPoints: '0', proposedReason: 'Thiếu tài liệu', updatedAt: '2026-12-03T20:04:00.000Z' };

  it("reads a stale save's 409 into the current row and what the user typed", () => {
    const e = new ApiError('Tiêu chí 5.1.1 vừa được người khác cập nhật.', 'CONFLICT', 409, 'r-1', { current });
    const c = conflictOf(e, [{ label: 'Điểm đề xuất', value: '0,25' }], true);
    expect(c).toEqual({ message: 'Tiêu chí 5.1.1 vừa được người khác cập nhật.', current, yours: [{ label: 'Điểm đề xuất', value: '0,25' }], reloaded: true });
  });

  it('keeps a leaf with no row yet as null current', () => {
    const e = new ApiError('Tiêu chí 1.1.1 vừa được cập nhật.', 'CONFLICT', 409, 'r-2', { current: null });
    expect(conflictOf(e, undefined, false)?.current).toBeNull();
  });

  it('is null for any other failure, which the form shows as its own error', () => {
    expect(conflictOf(new ApiError('Hết hạn giải trình.', 'CONFLICT', 409, 'r-3'), undefined, true)).toBeNull();
    expect(conflictOf(new ApiError('Điểm không hợp lệ.', 'VALIDATION', 400, 'r-4', { current }), undefined, true)).toBeNull();
    expect(conflictOf(new Error('x'), undefined, true)).toBeNull();
  });
});

describe('errorText', () => {
  it("shows the server's message as it is, in either language", () => {
    const e = new ApiError('Không có quyền.', 'FORBIDDEN', 403);
    expect(errorText(e, 'en')).toBe('Không có quyền.');
  });

  it('localizes failures on our side of the wire', () => {
    const e = new ApiError('Không kết nối được máy chủ.', 'NETWORK', 0);
    expect(errorText(e, 'en')).toMatch(/^Cannot reach the server/);
    expect(errorText(e, 'vi')).toMatch(/^Không kết nối được máy chủ/);
    expect(errorText('boom', 'en')).toBe('Something went wrong. Please try again.');
    expect(errorText('boom', 'vi')).toBe('Đã có lỗi. Vui lòng thử lại.');
  });
});
