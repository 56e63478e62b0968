import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogModule } from '../audit-log/audit-log.module';
import type { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { dataSourceOptions } from '../database/data-source-options';
import { ComplianceModule } from '../compliance/compliance.module';
import { DemoModule } from '../demo/demo.module';
import { IngestModule } from '../ingest/ingest.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';

/**
 * The same modules as the server, without HTTP. Migrations run only when a command asks. A command is batch work
 * (loads, evaluations, reports, migrations): no statement time limit, only the one on connecting.
 */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string, embedded: boolean): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config, { embedded }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, 2, { connectMs: config.databaseTimeouts.connectMs, statementMs: 0 }), migrationsRun: false }),
        AuditLogModule,
        UsersModule,
        IngestModule,
        DemoModule,
        ComplianceModule,
        ReportsModule,
      ],
    };
  }
}
