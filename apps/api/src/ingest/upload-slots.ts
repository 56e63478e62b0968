import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Server } from 'node:http';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** A place among the uploads running at once; released exactly once, whatever way the upload ends. */
export interface UploadSlot {
  release(): void;
}

/** Why an upload may not start now (answered 429 with `Retry-After`). */
export interface UploadSlotRefusal {
  limit: 'per-user' | 'overall';
  message: string;
  retryAfterSeconds: number;
}

/** What a refused upload is told to wait: an upload of an ordinary file takes seconds, a large one a minute or two. */
export const UPLOAD_RETRY_AFTER_SECONDS = 10;

/**
 * Caps the uploads running at once, per user and in all (`AUDIT_UPLOADS_PER_USER`, `AUDIT_UPLOADS_MAX`). A slot is
 * taken before the upload's body is read and before its database connection is opened, and released only once the
 * load has ended (stored, refused, rolled back, timed out or abandoned by the client) and its connection is closed:
 * so the server never holds more than `AUDIT_UPLOADS_MAX` load connections, besides its pool. Over the cap an upload
 * is refused at once rather than queued: a queued upload would keep its client's socket and body waiting for a turn
 * of unknown length, while a 429 with `Retry-After` costs nothing and tells the client (the web page, a script) what
 * to do. In memory, per process (a second replica has its own caps).
 */
@Injectable()
export class UploadSlots implements OnApplicationBootstrap {
  private readonly logger = new Logger(UploadSlots.name);
  private running = 0;
  private readonly byUser = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Uploads running now (for tests and the log). */
  get inUse(): number {
    return this.running;
  }

  take(userId: string): UploadSlot | UploadSlotRefusal {
    const mine = this.byUser.get(userId) ?? 0;
    if (mine >= this.config.uploadsPerUser) {
      return {
        limit: 'per-user',
        retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
        message:
          `You already have ${mine} ${mine === 1 ? 'upload' : 'uploads'} (previews included) in progress, the most one user may run at once ` +
          `(AUDIT_UPLOADS_PER_USER); nothing of this one was read or stored. Wait for one to finish, then send this file again.`,
      };
    }
    if (this.running >= this.config.uploadsMax) {
      return {
        limit: 'overall',
        retryAfterSeconds: UPLOAD_RETRY_AFTER_SECONDS,
        message:
          `The server is already taking ${this.running} uploads, the most it runs at once (AUDIT_UPLOADS_MAX); nothing of this one was read or stored. ` +
          `Send it again in a moment.`,
      };
    }
    this.running++;
    this.byUser.set(userId, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.byUser.get(userId) ?? 1) - 1;
        if (left > 0) this.byUser.set(userId, left);
        else this.byUser.delete(userId);
      },
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    // Node ends a request whose body takes longer than its requestTimeout (300 s by default) by closing the socket;
    // the upload's own limit, which says why and records it, must come first.
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // The CLI takes no uploads (and has a pool of its own size).
    if (!server) return;
    const wanted = (this.config.uploadMaxSeconds + 60) * 1000;
    if (server.requestTimeout > 0 && server.requestTimeout < wanted) server.requestTimeout = wanted;

    // The pool and the uploads' own connections must fit in what PostgreSQL lets this role open, or a burst of
    // uploads could still leave readers without a connection.
    const [limits]: Array<{ max: number; reserved: number }> = await this.db.query(
      `SELECT current_setting('max_connections')::int AS max,
              current_setting('superuser_reserved_connections')::int + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved`,
    );
    const needed = this.config.databasePoolSize + this.config.uploadsMax;
    const available = limits.max - limits.reserved;
    if (needed > available) {
      this.logger.warn(
        `DATABASE_POOL_SIZE (${this.config.databasePoolSize}) + AUDIT_UPLOADS_MAX (${this.config.uploadsMax}) = ${needed} connections, ` +
          `more than the ${available} PostgreSQL allows (max_connections ${limits.max}, ${limits.reserved} reserved): lower them or raise max_connections.`,
      );
    }
  }
}
