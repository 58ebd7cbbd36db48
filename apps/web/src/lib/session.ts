/**
 * The signed-in session: who is signed in (GET /api/auth/me) and the CSRF token every
 * state-changing request must carry (`x-csrf-token`). The token lives in memory only — the
 * session itself is an httpOnly cookie the page never sees.
 */
import type { Role, SessionDto, SessionUser } from '@parindex/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { ApiError, getJson } from './api.ts';

// Who is signed in: the server's shape, defined once in packages/contracts (session.ts).
export type { Role, SessionUser };
/** The session as GET /api/auth/me and POST /api/auth/login answer it. */
export type Me = SessionDto;

export const UNIT_ROLES: ReadonlySet<Role> = new Set(['unit_officer', 'unit_head']);

let csrfToken: string | null = null;

export const SESSION_KEY = ['session'] as const;

async function fetchMe(): Promise<Me> {
  const me = await getJson<Me>('/api/auth/me');
  csrfToken = me.csrfToken;
  return me;
}

/** The current session; `data.user` is null for a visitor. */
export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchMe, staleTime: 60_000, retry: 1 });
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Sends a request with the session's CSRF token (JSON body, or FormData for uploads). Errors become
 * ApiError with the server's Vietnamese message and its details (e.g. `details.current` on 409).
 */
export async function send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'x-requested-with': 'ParIndex' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError('Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.', 'NETWORK', 0);
  }
  const data = await readBody(response);
  if (!response.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> }; requestId?: string } | undefined)?.error;
    if (err?.message) throw new ApiError(err.message, err.code ?? 'BAD_RESPONSE', response.status, (data as { requestId?: string }).requestId, err.details);
    throw new ApiError(`Máy chủ trả lời lỗi ${response.status}. Vui lòng thử lại sau ít phút.`, 'BAD_RESPONSE', response.status);
  }
  return data as T;
}

/** Sign in and sign out; both refresh the cached session (and drop every cached work query on sign-out). */
export function useAuthActions() {
  const client = useQueryClient();
  const login = useCallback(
    async (username: string, password: string) => {
      const me = await send<Me>('POST', '/api/auth/login', { username, password });
      csrfToken = me.csrfToken;
      client.setQueryData(SESSION_KEY, me);
      return me;
    },
    [client],
  );
  const logout = useCallback(async () => {
    try {
      await send('POST', '/api/auth/logout');
    } finally {
      csrfToken = null;
      client.removeQueries({ queryKey: ['work'] });
      client.setQueryData(SESSION_KEY, { user: null, csrfToken: null, roleLabels: client.getQueryData<Me>(SESSION_KEY)?.roleLabels ?? {} });
    }
  }, [client]);
  return { login, logout };
}

/** Where a user starts: a unit's own sheet of the current cycle for unit roles, the right queue for the others. */
export function homePathFor(user: SessionUser, cycleId: string | null, status: string | null): string {
  if (!cycleId) return '/work';
  const base = `/work/cycles/${encodeURIComponent(cycleId)}`;
  switch (user.role) {
    case 'unit_officer':
    case 'unit_head':
      return user.unitId ? `${base}/units/${encodeURIComponent(user.unitId)}` : '/work';
    case 'appraiser':
      return `${base}/appraisal`;
    case 'council_member':
    case 'council_chair':
      return status === 'council' ? `${base}/council` : '/work';
    case 'secretariat':
    case 'admin':
    case 'leader':
      return `${base}/board`;
    default:
      return '/work';
  }
}
