export type ComponentStatus = 'up' | 'down';

/** `GET /api/health`: public, so it says nothing about the data itself. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  app: { name: string; version: string; uptimeSeconds: number };
  database: { status: ComponentStatus; latencyMs: number | null; embedded: boolean; migrationsPending: number | null };
  time: string;
}
