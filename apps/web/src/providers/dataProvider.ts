import { fetchUtils, HttpError, type DataProvider } from 'react-admin';
import simpleRestProvider from 'ra-data-simple-rest';
import { API_ROOT, messageFromBody } from './http';

/**
 * The API follows react-admin's "simple REST" dialect exactly:
 * `GET /api/<resource>?sort=["field","ASC"]&range=[0,24]&filter={...}` with the
 * total in `Content-Range`, `GET /api/<resource>/<id>`, `POST /api/<resource>`.
 * Every request carries the session cookie (same origin).
 */
export const httpClient = async (url: string, options: fetchUtils.Options = {}) => {
  try {
    return await fetchUtils.fetchJson(url, { ...options, credentials: 'same-origin' });
  } catch (error) {
    if (error instanceof HttpError) {
      // NestJS validation errors come back as a list of messages: show them all.
      const fromServer = messageFromBody(error.body);
      const message =
        (fromServer && !NEST_DEFAULT_MESSAGES.has(fromServer) ? fromServer : describeStatus(error.status)) ??
        fromServer ??
        error.message;
      throw new HttpError(message, error.status, error.body);
    }
    throw new HttpError('Cannot reach the server. Check your connection and try again in a moment.', 0);
  }
};

/** NestJS's generic wording, which says less than ours. */
const NEST_DEFAULT_MESSAGES = new Set(['Forbidden resource', 'Forbidden', 'Internal server error', 'Unauthorized']);

function describeStatus(status: number): string | undefined {
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'Not found: it may have been removed.';
  if (status >= 500) return `A problem on the server stopped this (error ${status}). Please try again in a moment.`;
  return undefined;
}

export const dataProvider: DataProvider = simpleRestProvider(API_ROOT, httpClient);
