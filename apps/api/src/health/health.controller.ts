import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@sra/contracts';
import { Public } from '../auth/decorators/access.decorators';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG, DATABASE_INFO, type DatabaseInfo } from '../config/config.module';
import { DATABASE_AWAY } from '../common/database-errors';
import { readAppVersion } from '../config/repo-root';
import { MIGRATIONS } from '../database/schema';

const startedAt = Date.now();
const version = readAppVersion();

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(DATABASE_INFO) private readonly database: DatabaseInfo,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Public, for load balancers and the dashboard: 200 when all is well, 503 otherwise. It answers within
   * HEALTH_TIMEOUT_MS whatever the database does: a database that does not answer in time (frozen, stopped,
   * unreachable) is `unavailable`, with a plain message.
   */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let status: 'up' | 'down' = 'down';
    let latencyMs: number | null = null;
    let migrationsPending: number | null = null;
    const limitMs = this.config.databaseTimeouts.healthMs;
    let timer: NodeJS.Timeout | undefined;
    try {
      const t = process.hrtime.bigint();
      const applied = await Promise.race([
        this.appliedMigrations(limitMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${limitMs} ms`)), limitMs);
        }),
      ]);
      latencyMs = Math.round(Number(process.hrtime.bigint() - t) / 1e4) / 100;
      migrationsPending = Math.max(0, MIGRATIONS.length - applied);
      status = 'up';
    } catch {
      status = 'down';
    } finally {
      clearTimeout(timer);
    }
    const ok = status === 'up' && migrationsPending === 0;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : status === 'down' ? 'unavailable' : 'degraded',
      ...(status === 'down' ? { message: DATABASE_AWAY } : {}),
      app: { name: 'Safe Reporting Audit', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
      database: { status, latencyMs, embedded: this.database.embedded, migrationsPending },
      time: new Date().toISOString(),
    };
  }

  /** Asked on the pool directly, with the driver's read timeout set to the health bound: a frozen database holds no connection for longer. */
  private async appliedMigrations(limitMs: number): Promise<number> {
    const pool = (this.db.driver as unknown as { master: { query: (config: { text: string; query_timeout: number }) => Promise<{ rows: Array<{ applied: number }> }> } }).master;
    const { rows } = await pool.query({ text: `SELECT count(*)::int AS applied FROM schema_migrations`, query_timeout: limitMs });
    return rows[0].applied;
  }
}
