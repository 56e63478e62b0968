import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
  },
};

/**
 * Browser security headers (helmet) on every response: no sniffing, no framing, no referrer, a strict
 * Content-Security-Policy (not on the API docs page, whose Swagger UI needs inline scripts), HSTS when the
 * session cookie is HTTPS-only, since such a deployment is served over HTTPS alone, and `Cache-Control: no-store`
 * on every API answer.
 */
export function securityHeaders(options: { hsts: boolean }): RequestHandler {
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: options.hsts ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  };
  const withPolicy = helmet({ ...common, contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  const docsPage = helmet({ ...common, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiAnswer(req.path)) noStore(res);
    (req.path.startsWith('/api/docs') ? docsPage : withPolicy)(req, res, next);
  };
}

/**
 * Every answer of the API is about a signed-in person's view of case-level or account data (a case page, a list of
 * incidents, a report's internal edition, the audit log): no browser, proxy or shared machine may keep a copy.
 * A handler can still set its own header; none does. The web app's own files are cached as before.
 */
function isApiAnswer(path: string): boolean {
  return (path === '/api' || path.startsWith('/api/')) && !path.startsWith('/api/docs');
}

function noStore(res: Response): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache'); // HTTP/1.0 caches
}
