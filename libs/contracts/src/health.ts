export type ComponentStatus = 'up' | 'down';

/** `GET /api/health`: public, so it says nothing about the data itself. */
export interface HealthResponse {
  /** `unavailable`: the database did not answer within the health check's bound (HEALTH_TIMEOUT_MS); `message` says so plainly. */
  status: 'ok' | 'degraded' | 'unavailable';
  message?: string;
  app: { name: string; version: string; uptimeSeconds: number };
  database: { status: ComponentStatus; latencyMs: number | null; embedded: boolean; migrationsPending: number | null };
  time: string;
}
