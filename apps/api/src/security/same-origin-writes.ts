import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Methods that change state; every other method reads. */
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Routes that take a multipart upload (the import endpoint, `IngestController`); every other write takes JSON.
 * Matched on the path before routing, so the body of a refused request is never read.
 */
const MULTIPART_ROUTES: Array<{ method: string; path: RegExp }> = [{ method: 'POST', path: /^\/api\/ingest\/[^/]+\/?$/ }];

export interface RefusedRequest {
  method: string;
  path: string;
  statusCode: 403 | 415;
  reason: string;
}

export interface SameOriginWritesOptions {
  /** The origin the server is published at (from PUBLIC_URL), accepted besides the one a request reached. */
  publicOrigin: string | null;
  /** Told of each refusal (for the audit log), before the response goes out. */
  onRefused?: (req: Request, refusal: RefusedRequest) => Promise<void>;
}

/**
 * CSRF defence for a cookie-authenticated API. `SameSite=Strict` is per site, not per origin: a page on another port
 * of the same host still sends the session cookie. So a write is refused (403) when the browser says it comes from
 * another origin (`Origin`, or `Sec-Fetch-Site` when a browser sends no `Origin`), and its body must be
 * `application/json` (415 otherwise; `multipart/form-data` on the upload route only), a type that an HTML form
 * cannot send and that a cross-origin script cannot send without a CORS preflight, which this API never grants.
 * A request with neither header (the CLI, curl, tests) is not from a browser page and passes.
 */
export function sameOriginWrites(options: SameOriginWritesOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!WRITE_METHODS.has(req.method)) return next();
    const refusal = crossOriginRefusal(req, options.publicOrigin) ?? contentTypeRefusal(req);
    if (!refusal) return next();
    const answer = () =>
      res.status(refusal.statusCode).json({
        statusCode: refusal.statusCode,
        error: refusal.statusCode === 403 ? 'Forbidden' : 'Unsupported Media Type',
        message: refusal.reason,
      });
    (options.onRefused?.(req, refusal) ?? Promise.resolve()).then(answer, next);
  };
}

function crossOriginRefusal(req: Request, publicOrigin: string | null): RefusedRequest | null {
  const refuse = (reason: string): RefusedRequest => ({ method: req.method, path: req.path, statusCode: 403, reason });
  const origin = header(req, 'origin');
  if (origin !== null) {
    const own = ownOrigin(req);
    const sent = normalOrigin(origin);
    if (sent !== null && (sent === own || sent === publicOrigin)) return null;
    return refuse(
      `Cross-origin request refused: this API takes changes only from its own pages (${own ?? 'this server'}), and this request came from ${origin.slice(0, 200)}.`,
    );
  }
  const site = header(req, 'sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') {
    return refuse(`Cross-origin request refused: this API takes changes only from its own pages, and the browser says this request is ${site.slice(0, 40)}.`);
  }
  return null;
}

function contentTypeRefusal(req: Request): RefusedRequest | null {
  if (!hasBody(req)) return null;
  const type = (header(req, 'content-type') ?? '').split(';')[0].trim().toLowerCase();
  const multipart = MULTIPART_ROUTES.some((route) => route.method === req.method && route.path.test(req.path));
  const accepted = multipart ? 'multipart/form-data' : 'application/json';
  if (type === accepted) return null;
  return {
    method: req.method,
    path: req.path,
    statusCode: 415,
    reason: `Send the request body as ${accepted}${multipart ? ', the file in a field named "file"' : ''} (got ${type ? type.slice(0, 100) : 'no Content-Type'}).`,
  };
}

/** scheme://host[:port] as this request reached the server (behind a trusted proxy: as the proxy says it was reached). */
function ownOrigin(req: Request): string | null {
  const host = req.host; // Express: the Host header, or X-Forwarded-Host when `trust proxy` trusts the sender
  return host ? normalOrigin(`${req.protocol}://${host}`) : null;
}

/** The origin of a URL in the form browsers send it (lower case, no default port), or null when it is none ("null", junk). */
export function normalOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function header(req: Request, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) && length > 0;
}
