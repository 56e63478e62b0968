import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppLogger } from './logging/app-logger';
import { AuditLogModule } from './audit-log/audit-log.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataSourceOptions } from './database/data-source-options';
import { ComplianceModule } from './compliance/compliance.module';
import { StorableInputModule } from './common/storable-input';
import { ErrorResponseFilter } from './common/error-response.filter';
import { ChargeCodesModule } from './charge-codes/charge-codes.module';
import { IncidentCodesModule } from './incident-codes/incident-codes.module';
import { RecordsModule } from './records/records.module';
import { ReportsModule } from './reports/reports.module';
import { MeetingsModule } from './meetings/meetings.module';
import { DemoModule } from './demo/demo.module';
import { HealthController } from './health/health.controller';
import { IngestModule } from './ingest/ingest.module';
import { loggerOptions } from './logging/logger-options';
import { UsersModule } from './users/users.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** The app role's connection (migrations ran before, as the owner: see `createApp`). */
  databaseUrl: string;
  embedded: boolean;
  /** Extra modules (tests add probe controllers this way). */
  extraModules?: Array<Type | DynamicModule>;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config, { embedded: options.embedded }),
        LoggerModule.forRoot(loggerOptions(options.config)),
        TypeOrmModule.forRoot({ ...dataSourceOptions(options.databaseUrl, options.config.databasePoolSize, options.config.databaseTimeouts), migrationsRun: false }),
        StorableInputModule,
        AuditLogModule,
        UsersModule,
        AuthModule,
        IngestModule,
        DemoModule,
        ComplianceModule,
        RecordsModule,
        ChargeCodesModule,
        IncidentCodesModule,
        ReportsModule,
        MeetingsModule,
        ...(options.extraModules ?? []),
      ],
      controllers: [HealthController],
      providers: [AppLogger, { provide: APP_FILTER, useClass: ErrorResponseFilter }],
    };
  }
}
