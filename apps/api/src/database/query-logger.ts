import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/**
 * TypeORM's logger, never given the bound values: whatever `logging` is set to, a statement is logged as its text
 * alone (placeholders, no parameters) and a failed one as its error, through the log's allow-list of error fields. Statements are debug material.
 */
export class QueryLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('TypeORM');

  logQuery(query: string): void {
    this.logger.debug(query);
  }

  logQueryError(error: string | Error): void {
    // Debug material like the statements: a failure reaches the log (or the CLI's one-line error) where it is handled.
    // An Error goes through the log's `err` serializer (safe-error.ts); a string may quote values, so it is not kept.
    this.logger.debug(typeof error === 'string' ? 'a statement failed' : error);
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(`slow statement (${time} ms): ${query}`);
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
