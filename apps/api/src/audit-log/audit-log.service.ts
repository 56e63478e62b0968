import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { AuditLogEntry, CurrentUser, ListQuery } from '@sra/contracts';
import { listSql } from '../common/list-sql';
import type { ListSpec } from '../common/list-query';
import { AuditLogEntryEntity } from './entities/audit-log-entry.entity';
import { safeMessage } from '../logging/safe-error';

export interface AuditEvent {
  actor?: Pick<CurrentUser, 'id' | 'email'> | null;
  /** For events without a signed-in actor, such as a failed sign-in. */
  actorEmail?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: 'success' | 'failure';
  statusCode?: number | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Never row content or person keys: ids, counts and reasons only. */
  detail?: Record<string, unknown> | null;
}

export const AUDIT_LOG_LIST: ListSpec = {
  sortable: { id: 'a.id', at: 'a.at', action: 'a.action', actorEmail: 'a.actor_email', outcome: 'a.outcome', statusCode: 'a.status_code' },
  defaultSort: { field: 'at', order: 'DESC' },
  filters: {
    action: { column: 'a.action', kind: 'contains' },
    actorEmail: { column: 'a.actor_email', kind: 'contains' },
    outcome: { column: 'a.outcome', kind: 'enum', values: ['success', 'failure'] },
    targetType: { column: 'a.target_type', kind: 'text' },
    targetId: { column: 'a.target_id', kind: 'text' },
    since: { column: 'a.at', kind: 'from' },
    until: { column: 'a.at', kind: 'to' },
  },
  idColumn: 'a.id',
  idKind: 'int',
};

@Injectable()
export class AuditLogService {
  private readonly logger = new Logger(AuditLogService.name);

  constructor(@InjectRepository(AuditLogEntryEntity) private readonly entries: Repository<AuditLogEntryEntity>) {}

  async record(event: AuditEvent): Promise<void> {
    try {
      await this.entries.insert({
        actorUserId: event.actor?.id ?? null,
        actorEmail: event.actor?.email ?? event.actorEmail ?? null,
        action: event.action,
        targetType: event.targetType ?? null,
        targetId: event.targetId ?? null,
        outcome: event.outcome,
        statusCode: event.statusCode ?? null,
        ip: event.ip ?? null,
        userAgent: event.userAgent ?? null,
        detail: (event.detail ?? null) as never,
      });
    } catch (error) {
      // The request has already happened; say loudly that its record is missing.
      this.logger.error(`Could not write the audit log entry for ${event.action}: ${safeMessage(error)}`);
    }
  }

  async list(query: ListQuery): Promise<{ rows: AuditLogEntry[]; total: number }> {
    return listSql<AuditLogEntry>(
      this.entries.manager.connection,
      `SELECT a.id::text AS id, to_json(a.at) #>> '{}' AS at, a.actor_user_id AS "actorUserId", a.actor_email AS "actorEmail", a.action,
              a.target_type AS "targetType", a.target_id AS "targetId", a.outcome, a.status_code AS "statusCode", a.ip,
              a.user_agent AS "userAgent", a.detail FROM audit_log a`,
      query,
      AUDIT_LOG_LIST,
    );
  }

  async get(id: string): Promise<AuditLogEntry | null> {
    const row = await this.entries.findOne({ where: { id } });
    return row ? toDto(row) : null;
  }
}

function toDto(e: AuditLogEntryEntity): AuditLogEntry {
  return {
    id: String(e.id),
    at: e.at.toISOString(),
    actorUserId: e.actorUserId,
    actorEmail: e.actorEmail,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    statusCode: e.statusCode,
    ip: e.ip,
    userAgent: e.userAgent,
    detail: e.detail,
  };
}
