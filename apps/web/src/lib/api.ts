import type { ErrorBody } from '@parindex/contracts';

/** Codes the client adds to the server's own error codes. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

/** An API failure carrying the server's Vietnamese message (or a client-side one). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly requestId?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True for failures on our side of the wire, where the message should be localized by the UI. */
  get isClientSide(): boolean {
    return this.code === 'NETWORK' || this.code === 'BAD_RESPONSE';
  }
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * GETs JSON from the API. A non-2xx answer becomes an ApiError with the server's message
 * from `{ error: { code, message }, requestId }`; a network failure or an unreadable answer
 * becomes an ApiError with code NETWORK / BAD_RESPONSE.
 */
export async function getJson<T>(path: string, init: { signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal: init.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError('Không kết nối được máy chủ. Kiểm tra kết nối mạng rồi thử lại.', 'NETWORK', 0);
  }
  const body = await readJson(response);
  if (!response.ok) {
    if (isErrorBody(body)) {
      throw new ApiError(body.error.message, body.error.code, response.status, body.requestId, body.error.details);
    }
    throw new ApiError(
      `Máy chủ trả lời lỗi ${response.status}. Vui lòng thử lại sau ít phút.`,
      'BAD_RESPONSE',
      response.status,
    );
  }
  if (body === undefined) {
    throw new ApiError('Máy chủ trả lời không đúng định dạng. Vui lòng thử lại.', 'BAD_RESPONSE', response.status);
  }
  return body as T;
}
