/**
 * Request headers or query parameters as one string per name: repeated values joined with `separator` (`', '` for
 * headers, `','` for queries), absent ones left out.
 */
export function flatValues(
  values: Record<string, string | string[] | undefined>,
  separator: string,
): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(separator) : value;
  }
  return flat;
}
