import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { AuditLogEntryEntity } from './entities/audit-log-entry.entity';
import { AuditViewsInterceptor } from './interceptors/audit-views.interceptor';
import { AuditWritesInterceptor } from './interceptors/audit-writes.interceptor';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditLogEntryEntity])],
  controllers: [AuditLogController],
  providers: [AuditLogService, { provide: APP_INTERCEPTOR, useClass: AuditWritesInterceptor }, { provide: APP_INTERCEPTOR, useClass: AuditViewsInterceptor }],
  exports: [AuditLogService],
})
export class AuditLogModule {}
