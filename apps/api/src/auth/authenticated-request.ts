import type { Request } from 'express';
import type { CurrentUser } from '@sra/contracts';

export interface AuthenticatedRequest extends Request {
  user?: CurrentUser;
}

/** The caller's address and client, as recorded in the audit log. */
export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  const ua = req.headers['user-agent'];
  return { ip: req.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null };
}
