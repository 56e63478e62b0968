import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const MAX_ENTRIES = 500;

/**
 * Results computed from the data, reused until the data changes. The key of the data is the versions of the
 * source tables (migration DataVersion): read BEFORE computing, so a result is never stored under a newer
 * version than the data it saw (at worst an already newer result is stored under an older key and recomputed).
 */
@Injectable()
export class VersionedCache {
  private readonly entries = new Map<string, { version: string; value: unknown }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version();
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      // Most recently used last, so the oldest is dropped first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value as T;
    }
    const value = await compute();
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  private async version(): Promise<string> {
    const [{ version }]: Array<{ version: string }> = await this.db.query(`SELECT string_agg(version::text, '.' ORDER BY table_name) AS version FROM data_version`);
    return version;
  }
}
