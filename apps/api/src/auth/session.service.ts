import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { CurrentUser, Role } from '@sra/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/app-config';

/** Server-side sessions: the cookie holds a random token, the table only its hash. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlMs(): number {
    return this.config.sessionTtlHours * 3600 * 1000;
  }

  async create(userId: string, client: { ip: string | null; userAgent: string | null }): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.db.query(`DELETE FROM user_session WHERE expires_at < now()`);
    await this.db.query(
      `INSERT INTO user_session (token_hash, user_id, expires_at, ip, user_agent)
       VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)`,
      [hashToken(token), userId, this.ttlMs / 1000, client.ip, client.userAgent],
    );
    return token;
  }

  async resolve(token: string): Promise<CurrentUser | null> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
    // A CTE so the driver returns the rows (a bare UPDATE returns [rows, count]).
    const rows: Array<{ id: string; email: string; display_name: string | null; role: Role }> = await this.db.query(
      `WITH touched AS (
         UPDATE user_session s SET last_seen_at = now()
           FROM app_user u
          WHERE s.token_hash = $1 AND s.expires_at > now() AND u.id = s.user_id AND u.active
         RETURNING u.id, u.email, u.display_name, u.role)
       SELECT * FROM touched`,
      [hashToken(token)],
    );
    const row = rows[0];
    return row ? { id: row.id, email: row.email, displayName: row.display_name, role: row.role } : null;
  }

  async revoke(token: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE token_hash = $1`, [hashToken(token)]);
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
