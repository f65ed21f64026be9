/**
 * The small expression language of policy templates: `@connectionParameters('name'[, 'default'])` (also
 * `token:claim` names), `@headers('Name')` and `@Request.OriginalHTTPMethod`, inside plain text such as
 * `https://@connectionParameters('domain').example.com/api`.
 */
import { ConnectionValueMissingError } from '../errors.js';

/** The connection an operation runs with: plain parameters and secrets (never logged). */
export interface ConnectionValues {
  parameters: Readonly<Record<string, unknown>>;
  secrets: Readonly<Record<string, string>>;
  /** Name or type of the auth scheme the connection uses; default: the connector's first. */
  authScheme?: string;
}

export interface TemplateScope {
  connection: ConnectionValues;
  /** Request headers, by lower-case name. */
  headers: Record<string, string>;
  method: string;
}

const EXPRESSION =
  /@connectionParameters\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)|@headers\(\s*'([^']*)'\s*\)|@Request\.OriginalHTTPMethod/g;

export function connectionValue(connection: ConnectionValues, name: string): string | undefined {
  const value = connection.secrets[name] ?? connection.parameters[name];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Evaluates the template; a missing connection parameter without a default fails, naming it. */
export function evaluateTemplate(template: string, scope: TemplateScope, where: string): string {
  return template.replace(EXPRESSION, (whole, parameter?: string, fallback?: string, header?: string) => {
    if (parameter !== undefined) {
      const value = connectionValue(scope.connection, parameter);
      if (value !== undefined) return value;
      if (fallback !== undefined) return fallback;
      throw new ConnectionValueMissingError(
        `${where} needs connection parameter ${parameter}, which the connection lacks`,
      );
    }
    if (header !== undefined) return scope.headers[header.toLowerCase()] ?? '';
    return whole.startsWith('@Request') ? scope.method : whole;
  });
}
