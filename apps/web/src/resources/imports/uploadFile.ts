import type { ImportBatchResult, ImportKindName, ImportPreview } from '@sra/contracts';
import { API_ROOT, messageFromBody } from '../../providers/http';

/**
 * `POST /api/ingest/<kind>` with the file in a multipart field named `file`, sent
 * with XMLHttpRequest rather than fetch because only XHR reports upload progress.
 * The browser never reads the file: it streams it to the server as it is.
 *
 * The server answers 200 with the batch when it landed (rejected rows included),
 * 422 with the batch when the file was refused whole, 400 `{ message }` for a bad
 * request, 401 without a session, 403 for a role that may not load data.
 * A dry run (`dryRun`) answers 200 with a preview (422 when the file would be
 * refused); a load that would update another number of existing records than
 * `confirmUpdates` answers 409 with the preview and a message.
 */
export type UploadOutcome =
  | { type: 'result'; result: ImportBatchResult }
  | { type: 'preview'; preview: ImportPreview; message?: string }
  | { type: 'error'; status: number; message: string };

export interface UploadHandlers {
  /** Share of the file sent so far, 0 to 1 (only when the browser knows the total). */
  onProgress?: (fraction: number) => void;
  /** The whole file is sent: the server is now checking and loading it. */
  onSent?: () => void;
  /** Run the whole load and roll it back: the answer is a preview, nothing is stored. */
  dryRun?: boolean;
  /** How many existing records the load may update (the preview's count). */
  confirmUpdates?: number;
}

export interface UploadHandle {
  done: Promise<UploadOutcome>;
  abort: () => void;
}

export const SESSION_ENDED_MESSAGE = 'Your session has ended, so the file was not loaded. Sign in again, then load the file again.';
export const FORBIDDEN_MESSAGE = 'Your role does not allow loading data. Only admins and analysts can load files.';
export const NETWORK_MESSAGE =
  'The upload was interrupted: the server could not be reached or the connection dropped. Check your connection and try again. If the server had already received the whole file, the list of imports shows whether it was loaded.';

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

function isBatchResult(body: unknown): body is ImportBatchResult {
  if (!body || typeof body !== 'object') return false;
  const candidate = body as Partial<ImportBatchResult>;
  return (
    typeof candidate.batchId === 'string' &&
    (candidate.status === 'loaded' || candidate.status === 'refused') &&
    typeof candidate.rowsRead === 'number'
  );
}

function isPreview(body: unknown): body is ImportPreview {
  if (!body || typeof body !== 'object') return false;
  const candidate = body as Partial<ImportPreview>;
  return (
    (candidate.status === 'preview' || candidate.status === 'needs-confirmation' || candidate.status === 'refused') &&
    typeof candidate.rowsRead === 'number' &&
    Array.isArray(candidate.changes)
  );
}

function describeFailure(status: number, body: unknown): string {
  const fromServer = messageFromBody(body);
  if (status === 401) return SESSION_ENDED_MESSAGE;
  if (status === 403) return FORBIDDEN_MESSAGE;
  if (status === 400) return `The server could not take this upload: ${fromServer ?? 'the request was not valid.'}`;
  if (status === 413) return 'The file is too large for the server to accept.';
  // The database away, out of disk space, too busy: the server's sentence is already plain.
  if ((status === 503 || status === 507) && fromServer) return `The load did not happen: ${fromServer}`;
  if (status >= 500) {
    return `A problem on the server stopped the load (error ${status}). Nothing half-done was kept: try again in a moment.${fromServer ? ` The server said: ${fromServer}` : ''}`;
  }
  return fromServer ?? `The server answered with error ${status}.`;
}

export function uploadImportFile(kind: ImportKindName, file: File, handlers: UploadHandlers = {}): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve) => {
    const query = new URLSearchParams();
    if (handlers.dryRun) query.set('dryRun', 'true');
    if (handlers.confirmUpdates !== undefined) query.set('confirmUpdates', String(handlers.confirmUpdates));
    const search = query.toString();
    xhr.open('POST', `${API_ROOT}/ingest/${encodeURIComponent(kind)}${search ? `?${search}` : ''}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) handlers.onProgress?.(Math.min(1, event.loaded / event.total));
    };
    xhr.upload.onload = () => handlers.onSent?.();
    xhr.onload = () => {
      const body = parseJson(xhr.responseText);
      if ((xhr.status === 200 || xhr.status === 422) && isBatchResult(body)) {
        resolve({ type: 'result', result: body });
        return;
      }
      if ((xhr.status === 200 || xhr.status === 422) && isPreview(body)) {
        resolve({ type: 'preview', preview: body });
        return;
      }
      const conflict = body && typeof body === 'object' ? (body as { preview?: unknown }).preview : undefined;
      if (xhr.status === 409 && isPreview(conflict)) {
        resolve({ type: 'preview', preview: conflict, message: messageFromBody(body) ?? undefined });
        return;
      }
      resolve({ type: 'error', status: xhr.status, message: describeFailure(xhr.status, body) });
    };
    xhr.onerror = () => resolve({ type: 'error', status: 0, message: NETWORK_MESSAGE });
    xhr.ontimeout = () => resolve({ type: 'error', status: 0, message: NETWORK_MESSAGE });
    xhr.onabort = () => resolve({ type: 'error', status: 0, message: 'The upload was stopped before it finished.' });

    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/**
 * After a network error: was it the session? A server that turns a request away
 * early (no session) can close the connection while the browser is still
 * sending, which the browser reports as a network error.
 */
export async function sessionStillValid(): Promise<boolean | null> {
  try {
    const response = await fetch(`${API_ROOT}/auth/me`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (response.status === 401) return false;
    return response.ok ? true : null;
  } catch {
    return null;
  }
}
