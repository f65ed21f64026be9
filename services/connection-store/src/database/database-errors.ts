import { DependencyUnavailableError } from '@patchbay/platform';

/** Postgres did not answer or dropped the connection. Retryable. */
export class DatabaseUnavailableError extends DependencyUnavailableError {
  override readonly code = 'DATABASE_UNAVAILABLE';
}

interface DriverFailure {
  code?: unknown;
  driverError?: { code?: unknown };
  message?: unknown;
}

/** Network errors and SQLSTATEs that mean "the database is unreachable now", not "the query is wrong". */
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

function failureCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = error as DriverFailure;
  const code = failure.driverError?.code ?? failure.code;
  return typeof code === 'string' ? code : undefined;
}

function isUnavailable(error: unknown): boolean {
  const code = failureCode(error);
  if (
    code !== undefined &&
    (UNAVAILABLE_NODE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))
  ) {
    return true;
  }
  const message = (error as DriverFailure | null)?.message;
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/** Runs a database call and turns "database unreachable" into a typed, retryable error. */
export async function withDatabaseErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isUnavailable(error)) {
      throw new DatabaseUnavailableError(
        `Postgres is unavailable (${failureCode(error) ?? 'connection lost'})`,
        [],
        { cause: error },
      );
    }
    throw error;
  }
}
