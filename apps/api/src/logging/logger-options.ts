import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config';

/**
 * Structured JSON logs. Request lines carry method, path (never the query
 * string: filters can hold pseudonymous keys), status, timing and the staff
 * user id. Cookies, authorization headers and bodies are never logged.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.logLevel,
      redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], remove: true },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: String(req.url).split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customProps: (req) => {
        const user = (req as { user?: { id: string } }).user;
        return user ? { userId: user.id } : {};
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    },
  };
}
