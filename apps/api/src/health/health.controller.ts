import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { HealthResponse } from '@sra/contracts';
import { Public } from '../auth/decorators/access.decorators';
import { DATABASE_INFO, type DatabaseInfo } from '../config/config.module';
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
  ) {}

  /** Public, for load balancers and the dashboard: 200 when all is well, 503 otherwise. */
  @Public()
  @Get()
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    let status: 'up' | 'down' = 'down';
    let latencyMs: number | null = null;
    let migrationsPending: number | null = null;
    try {
      const t = process.hrtime.bigint();
      const [{ applied }] = (await this.db.query(`SELECT count(*)::int AS applied FROM schema_migrations`)) as Array<{ applied: number }>;
      latencyMs = Math.round(Number(process.hrtime.bigint() - t) / 1e4) / 100;
      migrationsPending = Math.max(0, MIGRATIONS.length - applied);
      status = 'up';
    } catch {
      status = 'down';
    }
    const ok = status === 'up' && migrationsPending === 0;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ok ? 'ok' : 'degraded',
      app: { name: 'Safe Reporting Audit', version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
      database: { status, latencyMs, embedded: this.database.embedded, migrationsPending },
      time: new Date().toISOString(),
    };
  }
}
