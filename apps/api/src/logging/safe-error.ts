/**
 * Errors as they may be logged: an allow-list of fields, so a database error never carries its statement, the
 * values bound to it (argon2 hashes, notes, person keys), the failing row (`detail`) or the driver's copy of them.
 * Anything not named here is left out, whatever library threw it.
 */
const KEPT_FIELDS = ['code', 'status', 'statusCode', 'severity', 'routine', 'schema', 'table', 'column', 'dataType', 'constraint'] as const;
const MAX_CAUSES = 5;

export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  cause?: SafeError;
  [field: string]: unknown;
}

/** A PostgreSQL error (or TypeORM's wrapper of one): it has a five-character SQLSTATE. */
function isDatabaseError(error: Record<string, unknown>): boolean {
  return error.name === 'QueryFailedError' || (typeof error.code === 'string' && /^[0-9A-Z]{5}$/.test(error.code) && 'severity' in error);
}

/**
 * PostgreSQL quotes the offending input in some messages (`invalid input syntax for type uuid: "…"`,
 * `value "…" is out of range`): those values go; quoted names of relations, columns and constraints stay.
 */
export function withoutQuotedValues(message: string): string {
  return message.replace(/(:\s*|\bvalue\s+)"(?:[^"]|"")*"/g, '$1"…"');
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (error === null || typeof error !== 'object') return { type: typeof error, message: String(error) };
  const e = error as Record<string, unknown>;
  const database = isDatabaseError(e);
  const scrub = (text: string) => (database ? withoutQuotedValues(text) : text);
  const message = scrub(typeof e.message === 'string' ? e.message : '');
  const out: SafeError = { type: (e.constructor as { name?: string } | undefined)?.name ?? 'Object', message };
  if (typeof e.stack === 'string') {
    // The stack's first line repeats the (unscrubbed) message: keep only the frames.
    const frames = e.stack.split('\n').filter((line) => /^\s+at /.test(line));
    out.stack = [`${out.type}: ${message}`, ...frames].join('\n');
  }
  for (const field of KEPT_FIELDS) {
    const value = e[field] ?? (database && typeof e.driverError === 'object' && e.driverError ? (e.driverError as Record<string, unknown>)[field] : undefined);
    if (typeof value === 'string' || typeof value === 'number') out[field] = value;
  }
  if (e.cause !== undefined && depth < MAX_CAUSES) out.cause = safeError(e.cause, depth + 1);
  return out;
}

/** pino's `err` serializer: pino-http hands it the standard serialization, whose `raw` is the thrown error. */
export function errSerializer(serialized: unknown): SafeError {
  const raw = serialized !== null && typeof serialized === 'object' ? (serialized as { raw?: unknown }).raw : undefined;
  return safeError(raw ?? serialized);
}

/** An error's message as it may be written into a log line (a database error's quoted input removed). */
export function safeMessage(error: unknown): string {
  return safeError(error).message;
}
