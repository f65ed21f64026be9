/**
 * A Request trigger's `relativePath` (`/orders/{orderId}/lines/{line}`): the extra path a caller appends after
 * `/invoke`, with `{name}` segments captured as `relativePathParameters`.
 */
export interface RelativePath {
  readonly template: string;
  /** The parameters when `path` fits the template, `undefined` when it does not. */
  match(path: string): Record<string, string> | undefined;
}

const PARAMETER = /^\{([A-Za-z_][A-Za-z0-9_-]*)\}$/;

function segments(path: string): string[] {
  return path.split('/').filter((segment) => segment.length > 0);
}

export function compileRelativePath(template: string): RelativePath {
  const parts = segments(template).map((segment) => {
    const parameter = PARAMETER.exec(segment);
    return parameter === null ? { literal: segment.toLowerCase() } : { name: parameter[1]! };
  });
  return {
    template,
    match(path) {
      const given = segments(path);
      if (given.length !== parts.length) return undefined;
      const parameters: Record<string, string> = {};
      for (const [index, part] of parts.entries()) {
        let value: string;
        try {
          value = decodeURIComponent(given[index]!);
        } catch {
          return undefined;
        }
        if ('literal' in part) {
          if (value.toLowerCase() !== part.literal) return undefined;
        } else {
          parameters[part.name] = value;
        }
      }
      return parameters;
    },
  };
}
