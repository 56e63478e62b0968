import { API_ROOT, describeWait, readJsonBody } from '../providers/http';

/**
 * `POST /api/auth/password` `{ currentPassword, newPassword }` for the signed-in
 * user (cookie session):
 *
 * - 204: changed. The user's other sessions end; this one stays.
 * - 400 `{ message: string[] }`: validation, e.g. "newPassword must be at least 12 characters".
 * - 401: not signed in (the session has ended).
 * - 403 `{ message: 'The current password is not right.' }`.
 */

/** The API refuses shorter new passwords (and longer ones than MAX). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

export type PasswordField = 'currentPassword' | 'newPassword';

export type ChangePasswordOutcome =
  | { type: 'changed' }
  | {
      type: 'error';
      /** HTTP status; 0 when the server could not be reached. */
      status: number;
      /** Plain-language sentences, ready to show. */
      messages: string[];
      /** The field the server found wrong, when it said which, with what to show at it. */
      field?: { name: PasswordField; message: string };
    };

/**
 * Length as the API counts it (class-validator's MinLength): characters, not
 * UTF-16 units, and emoji presentation selectors do not count.
 */
export function passwordLength(value: string): number {
  let length = 0;
  for (const char of value) {
    if (char !== '\uFE0E' && char !== '\uFE0F') length += 1;
  }
  return length;
}

export const NETWORK_MESSAGE =
  'Cannot reach the server, so your password may not have changed. Check your connection and try again. If the new password does not work when you next sign in, use the old one.';
export const SESSION_ENDED_MESSAGE =
  'Your session has ended, so your password was not changed. Sign in again, then change your password.';

function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** One validation message of the API, in plain words, with the field it is about. */
function explainValidation(raw: string): { message: string; field?: PasswordField } {
  // class-validator's wording, for the two fields of ChangePasswordDto.
  const text = raw.trim();
  const tooShort = /^newPassword must be (?:at least|longer than or equal to) (\d+) characters/i.exec(text);
  if (tooShort) return { field: 'newPassword', message: `The new password must be at least ${tooShort[1]} characters long.` };
  const tooLong = /^newPassword must be shorter than or equal to (\d+) characters/i.exec(text);
  if (tooLong) return { field: 'newPassword', message: `The new password is too long. Use at most ${tooLong[1]} characters.` };
  if (/^currentPassword should not be empty/i.test(text)) {
    return { field: 'currentPassword', message: 'Enter your current password.' };
  }
  if (/^currentPassword must be shorter than or equal to/i.test(text)) {
    return { field: 'currentPassword', message: 'The current password you typed is too long to be right. Check it and try again.' };
  }
  // Anything else: the server's sentence, with the field named in words.
  if (/^currentPassword\b/i.test(text)) {
    return { field: 'currentPassword', message: sentence(text.replace(/^currentPassword/i, 'The current password')) };
  }
  if (/^newPassword\b/i.test(text)) {
    return { field: 'newPassword', message: sentence(text.replace(/^newPassword/i, 'The new password')) };
  }
  return { message: sentence(text) };
}

function serverMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const message = (body as { message?: unknown }).message;
  const list = Array.isArray(message) ? message : [message];
  return list.filter((part): part is string => typeof part === 'string' && part.trim() !== '').map((part) => part.trim());
}

function describeFailure(status: number, body: unknown, retryAfter: string | null): Omit<Extract<ChangePasswordOutcome, { type: 'error' }>, 'type'> {
  const fromServer = serverMessages(body);
  if (status === 401) return { status, messages: [SESSION_ENDED_MESSAGE] };
  if (status === 403) {
    return {
      status,
      field: { name: 'currentPassword', message: 'This is not your current password.' },
      messages: [
        `${fromServer[0] ?? 'The current password is not right.'} Check it and try again. Your password was not changed.`,
      ],
    };
  }
  if (status === 400) {
    const explained = fromServer.map(explainValidation);
    const about = explained.find((item) => item.field);
    return {
      status,
      field: about?.field ? { name: about.field, message: about.message } : undefined,
      messages: explained.length
        ? [...explained.map((item) => item.message), 'Your password was not changed.']
        : ['The server could not accept these passwords. Your password was not changed.'],
    };
  }
  if (status === 429) {
    const wait = describeWait(retryAfter);
    return {
      status,
      messages: [
        `Too many tries. ${wait ? `Please wait ${wait}, then try again.` : 'Please wait a while, then try again.'} Your password was not changed.`,
      ],
    };
  }
  if (status >= 500) {
    return {
      status,
      messages: [
        `A problem on the server stopped the change (error ${status}). Try again in a moment. If the new password does not work when you next sign in, use the old one.`,
      ],
    };
  }
  return {
    status,
    messages: [fromServer.length ? fromServer.join(' ') : `The server answered with error ${status}. Your password was not changed.`],
  };
}

export async function changePassword(currentPassword: string, newPassword: string): Promise<ChangePasswordOutcome> {
  let response: Response;
  try {
    response = await fetch(`${API_ROOT}/auth/password`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ currentPassword, newPassword }),
    });
  } catch {
    return { type: 'error', status: 0, messages: [NETWORK_MESSAGE] };
  }
  if (response.ok) return { type: 'changed' };
  const body = await readJsonBody(response);
  return { type: 'error', ...describeFailure(response.status, body, response.headers.get('Retry-After')) };
}
