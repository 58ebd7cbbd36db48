import { describe, expect, it } from 'vitest';
import { alertText } from '../features/work/work-common.tsx';
import { ApiError } from './api.ts';
import { runAction, showError } from './use-action.ts';

function recorder() {
  const busy: boolean[] = [];
  const errors: (string | null)[] = [];
  return { busy, errors, setBusy: (b: boolean) => busy.push(b), setError: (e: string | null) => errors.push(e) };
}

describe('runAction', () => {
  it("shows the server's Vietnamese message of a refused request and clears busy", async () => {
    const r = recorder();
    const ok = await runAction(r.setBusy, r.setError, async () => {
      throw new ApiError('Đợt đánh giá đã khoá, không sửa được.', 'CONFLICT', 409);
    });
    expect(ok).toBe(false);
    expect(r.errors.at(-1)).toBe('Đợt đánh giá đã khoá, không sửa được.');
    expect(r.busy).toEqual([true, false]);
  });

  it('clears the previous error and reports success so the dialog can close', async () => {
    const r = recorder();
    let sent = false;
    const ok = await runAction(r.setBusy, r.setError, async () => {
      sent = true;
    });
    expect(ok).toBe(true);
    expect(sent).toBe(true);
    expect(r.errors).toEqual([null]);
    expect(r.busy).toEqual([true, false]);
  });

  it('clears busy even when the action throws synchronously, and lets the caller show the error elsewhere', async () => {
    const r = recorder();
    const seen: unknown[] = [];
    const ok = await runAction(
      r.setBusy,
      r.setError,
      () => {
        throw new Error('boom');
      },
      (e) => (seen.push(e), null),
    );
    expect(ok).toBe(false);
    expect((seen[0] as Error).message).toBe('boom');
    expect(r.errors).toEqual([null, null]);
    expect(r.busy).toEqual([true, false]);
  });

  it("shows the kept text in the error banner as is, in both languages", async () => {
    const r = recorder();
    await runAction(r.setBusy, r.setError, () => Promise.reject(new ApiError('Tệp vượt quá 20 MB.', 'TOO_LARGE', 413)));
    const kept = r.errors.at(-1) ?? null;
    expect(alertText(kept, 'vi')).toBe('Tệp vượt quá 20 MB.');
    expect(alertText(kept, 'en')).toBe('Tệp vượt quá 20 MB.');
  });

  it("can show the server's message in a toast instead of the form", async () => {
    const r = recorder();
    const toasts: string[] = [];
    const ok = await runAction(r.setBusy, r.setError, () => Promise.reject(new ApiError('Không có quyền.', 'FORBIDDEN', 403)), showError((t) => toasts.push(t)));
    expect(ok).toBe(false);
    expect(toasts).toEqual(['Không có quyền.']);
    expect(r.errors).toEqual([null, null]);
    expect(r.busy).toEqual([true, false]);
  });
});
