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
    },
  };
}
