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
    const tokenHash = hashToken(token);
    // A read on every request; the "last seen" time is written at most once a minute, so that reading a page
    // does not cost a write (and a WAL flush) per request.
    const rows: Array<{ id: string; email: string; display_name: string | null; role: Role; stale: boolean }> = await this.db.query(
      `SELECT u.id, u.email, u.display_name, u.role, s.last_seen_at < now() - interval '1 minute' AS stale
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.stale) await this.db.query(`UPDATE user_session SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
    return { id: row.id, email: row.email, displayName: row.display_name, role: row.role };
  }

  async revoke(token: string): Promise<void> {
    await this.db.query(`DELETE FROM user_session WHERE token_hash = $1`, [hashToken(token)]);
  }
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
