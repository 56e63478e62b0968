import { plainDatabaseError } from '../common/database-errors';
import { safeMessage } from '../logging/safe-error';

/** An error the CLI reports as one line on stderr, with a non-zero exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/**
 * The CLI's one line for a database error with a plain meaning: the sentence the web app shows, then PostgreSQL's
 * own words (quoted values removed) for whoever investigates. Null for any other error.
 */
export function plainCliMessage(error: unknown): string | null {
  const plain = plainDatabaseError(error);
  return plain ? `${plain.message} (${plain.code}: ${safeMessage(error)})` : null;
}
