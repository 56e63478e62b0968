import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Request, Response } from 'express';
import { safeMessage } from '../logging/safe-error';
import { plainDatabaseError } from './database-errors';

/**
 * Every error a request meets ends here (issue 13, Faults 3 and 4). HTTP errors keep their status and message. A
 * database error with a plain meaning (the database away, out of disk space, too busy, too slow) is answered 503
 * (507 for disk space) with a sentence a non-engineer understands and a Retry-After when trying again may help.
 * Anything else is a 500 "Internal server error" with the request's id, which the log line carries too.
 */
@Catch()
export class ErrorResponseFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('ExceptionsHandler');

  override catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http' || exception instanceof HttpException || isHttpError(exception)) {
      super.catch(exception, host);
      return;
    }
    const req = host.switchToHttp().getRequest<Request & { id?: unknown }>();
    const res = host.switchToHttp().getResponse<Response>();
    const requestId = req.id === undefined ? undefined : String(req.id);
    const plain = plainDatabaseError(exception);
    if (res.headersSent) {
      res.end();
    } else if (plain) {
      if (plain.retryAfterSeconds !== null) res.setHeader('Retry-After', String(plain.retryAfterSeconds));
      res.status(plain.status).json({ statusCode: plain.status, error: plain.status === 507 ? 'Insufficient Storage' : 'Service Unavailable', message: plain.message, requestId });
    } else {
      res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: HttpStatus.INTERNAL_SERVER_ERROR, message: 'Internal server error', requestId });
    }
    const path = String(req.originalUrl ?? req.url).split('?')[0];
    // A database away is an operational condition, not a bug: a warning naming its code, without a stack.
    if (plain) this.logger.warn(`${req.method} ${path} (request ${requestId}) answered ${plain.status}: database ${plain.code}: ${safeMessage(exception)}`);
    else this.logger.error(exception);
  }
}

/** Errors of the http-errors library (body parsers), which carry their own status. */
function isHttpError(error: unknown): boolean {
  const e = error as { statusCode?: unknown; message?: unknown } | null;
  return !!e && typeof e === 'object' && typeof e.statusCode === 'number' && !!e.message;
}
