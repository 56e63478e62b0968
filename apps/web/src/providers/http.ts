/**
 * Small helpers shared by the auth and data providers. Every request goes to the
 * same origin as the page (the API lives at `/api`), and the session cookie is
 * sent with `credentials: 'same-origin'`.
 */

export const API_ROOT = '/api';

/** Reads a JSON body if there is one; never throws. */
export async function readJsonBody(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The human-readable message of an API error body. The API (NestJS) answers errors
 * as `{ statusCode, message, error }`, where `message` is a string or, for
 * validation errors, a list of strings.
 */
export function messageFromBody(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const message = (body as { message?: unknown }).message;
  if (typeof message === 'string' && message.trim()) return message.trim();
  if (Array.isArray(message)) {
    const parts = message.filter((part): part is string => typeof part === 'string' && part.trim() !== '');
    if (parts.length) return parts.join('; ');
  }
  return undefined;
}

/** Plain-language wording of a wait, from a `Retry-After` header (seconds). */
export function describeWait(retryAfter: string | null): string | undefined {
  const seconds = Number(retryAfter);
  if (!retryAfter || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  if (seconds < 90) return `${Math.ceil(seconds)} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
