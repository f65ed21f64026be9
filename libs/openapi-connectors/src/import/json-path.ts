/** JSON paths as problems and warnings show them: `$.paths['/items/{id}'].get.parameters[0]`. */
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function jsonPath(...segments: (string | number)[]): string {
  return segments.reduce<string>((path, segment) => {
    if (typeof segment === 'number') return `${path}[${segment}]`;
    if (IDENTIFIER.test(segment)) return `${path}.${segment}`;
    return `${path}['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }, '$');
}

/** Appends segments to an existing path. */
export function childPath(path: string, ...segments: (string | number)[]): string {
  return path + jsonPath(...segments).slice(1);
}

/** A JSON pointer (`/paths/~1items/get`) as a JSON path; `root` tells array indexes from numeric keys. */
export function pointerToPath(pointer: string, root?: unknown): string {
  if (pointer === '' || pointer === '/') return '$';
  let node = root;
  const segments: (string | number)[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      segments.push(Number(segment));
      node = node[Number(segment)] as unknown;
    } else {
      segments.push(segment);
      node = isObject(node) ? node[segment] : undefined;
    }
  }
  return jsonPath(...segments);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
