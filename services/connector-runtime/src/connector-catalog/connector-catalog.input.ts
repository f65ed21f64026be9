import semver from 'semver';
import { ValidationFailedError, type FieldProblem } from '@patchbay/platform';
import { connectionTestRequestSchema, type ConnectionTestRequest } from '@patchbay/contracts';

const CONNECTOR_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function fail(what: string, problems: FieldProblem[]): never {
  throw new ValidationFailedError(
    `${what} is invalid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
    problems,
  );
}

/** `:id` and `?version=` of the catalogue routes. */
export function parseConnectorRef(id: unknown, version: unknown): { connectorId: string; range?: string } {
  const problems: FieldProblem[] = [];
  if (typeof id !== 'string' || !CONNECTOR_ID.test(id))
    problems.push({
      path: 'params.id',
      message: 'is not a valid connector id',
      expected: "1-100 characters from A-Z a-z 0-9 _ . -, e.g. 'postgresql'",
    });
  if (version !== undefined && (typeof version !== 'string' || semver.validRange(version) === null))
    problems.push({
      path: 'query.version',
      message: 'is not a semver range',
      expected: "a version or range, e.g. '1.2.0' or '1.x'",
      found: typeof version === 'string' ? JSON.stringify(version.slice(0, 60)) : typeof version,
    });
  if (problems.length > 0) fail('connector reference', problems);
  return { connectorId: id as string, ...(typeof version === 'string' ? { range: version } : {}) };
}

/** The connection-test body. Problems name fields, never values: the body carries secrets. */
export function parseConnectionTestRequest(body: unknown): ConnectionTestRequest {
  const parsed = connectionTestRequestSchema.safeParse(body);
  if (parsed.success) {
    if (parsed.data.version !== undefined && semver.validRange(parsed.data.version) === null)
      fail('connection test', [
        { path: 'body.version', message: 'is not a semver range', expected: "e.g. '1.x'" },
      ]);
    return parsed.data;
  }
  fail(
    'connection test',
    parsed.error.issues.map((issue) => ({
      path: ['body', ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}
