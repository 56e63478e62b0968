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
 * Content-Security-Policy (not on the API docs page, whose Swagger UI needs inline scripts), and HSTS when the
 * session cookie is HTTPS-only, since such a deployment is served over HTTPS alone.
 */
export function securityHeaders(options: { hsts: boolean }): RequestHandler {
  const common = {
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'no-referrer' as const },
    strictTransportSecurity: options.hsts ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
  };
  const withPolicy = helmet({ ...common, contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  const docsPage = helmet({ ...common, contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api/docs') ? docsPage : withPolicy)(req, res, next);
}
