/**
 * JSON paths for problem reports, in the form `$.actions.Foo.runAfter.Bar`. Names that are not plain
 * identifiers use bracket notation (`$.actions['Send mail'].inputs`), array indexes `[0]`.
 */
export type PathSegment = string | number;

const PLAIN_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders segments below the root `$`. */
export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_NAME.test(segment)) out += `.${segment}`;
    else out += `['${segment.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/** Converts an RFC 6901 JSON pointer (as ajv reports it) into path segments. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}
