import { RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';
import { errSerializer } from './safe-error';

/**
 * What a log line may never hold, wherever it sits: credentials, bodies, and the statement and bound values of a
 * database error. The `err` serializer already keeps only an allow-list of an error's fields; this is the net
 * under it (and under anything logged as a plain object).
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.body',
  'req.query',
  'res.headers["set-cookie"]',
  'body',
  'query',
  'parameters',
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  '*.body',
  '*.query',
  '*.parameters',
  '*.driverError',
  '*.detail',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
];

/**
 * Structured JSON logs. Request lines carry method, path (never the query
 * string: filters can hold pseudonymous keys), status, timing and the staff
 * user id. Cookies, authorization headers and bodies are never logged.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Every route, written the way path-to-regexp 8 (Nest 11) reads it. nestjs-pino's default (`*`) is the legacy
    // form: Nest rewrote it at start-up with a warning, printed twice, for each of the logger's middlewares.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: REDACTED_PATHS, remove: true },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        err: errSerializer,
        error: errSerializer,
      },
      customProps: (req) => {
        const user = (req as { user?: { id: string } }).user;
        return user ? { userId: user.id } : {};
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
      customLogLevel: requestLogLevel,
    },
  };
}

/**
 * A request's log level: the API's requests at info (errors at error), the web app's files (scripts, styles, fonts,
 * index.html) at debug, so a page load does not print a line per file; `LOG_LEVEL=debug` shows them.
 */
export function requestLogLevel(req: IncomingMessage, res: ServerResponse, error?: Error): 'error' | 'info' | 'debug' {
  if (error || res.statusCode >= 500) return 'error';
  const path = String(req.url ?? '').split('?')[0];
  return path === '/api' || path.startsWith('/api/') ? 'info' : 'debug';
}
