/**
 * Rewrites `@name` parameters (the Logic Apps SQL style: `WHERE code = @LanguageCode`) to `$n`, outside
 * string literals, quoted identifiers and comments. Answers the SQL and the values in order; an `@name` with no
 * value is reported, never sent as text.
 */
export function bindNamedParameters(
  sql: string,
  parameters: Record<string, unknown>,
): { sql: string; values: unknown[]; missing: string[] } {
  const order = new Map<string, number>();
  const values: unknown[] = [];
  const missing = new Set<string>();
  // Literals, quoted identifiers, comments, dollar-quoted strings are kept; the last alternative is a parameter.
  const token =
    /('(?:[^']|'')*')|("(?:[^"]|"")*")|(--[^\n]*)|(\/\*[\s\S]*?\*\/)|(\$[A-Za-z_]*\$[\s\S]*?\$[A-Za-z_]*\$)|(::)|@([A-Za-z_][A-Za-z0-9_]*)/g;
  const out = sql.replace(token, (match: string, ...groups: unknown[]) => {
    const name = groups[6] as string | undefined;
    if (name === undefined) return match;
    if (!Object.hasOwn(parameters, name)) {
      missing.add(name);
      return match;
    }
    let index = order.get(name);
    if (index === undefined) {
      values.push(parameters[name]);
      index = values.length;
      order.set(name, index);
    }
    return `$${index}`;
  });
  return { sql: out, values, missing: [...missing] };
}
