/**
 * Swagger 2.0 / OpenAPI 3.x schema objects -> self-contained draft-07 JSON Schemas. References to named schemas
 * (`#/definitions/X`, `#/components/schemas/X`) become `#/definitions/X` and the schemas they reach (also
 * recursively) are copied under the result's own `definitions`, so each schema validates and samples alone.
 * OpenAPI-only keywords become JSON Schema: `nullable`/`x-nullable` add `null` to the type, `type: file` is a
 * binary string; keywords that are malformed in real definitions (`required: true` on a property, a
 * discriminator string, a pattern JavaScript cannot compile) are dropped with a warning.
 */
import type { ImportWarning, JsonSchema } from '../model/imported-connector.js';
import { childPath, isObject } from './json-path.js';

const REF_PREFIXES = ['#/definitions/', '#/components/schemas/'];

/** Keywords whose value is a schema, a list of schemas or a map of schemas. */
const SCHEMA_KEYWORDS = new Set(['items', 'additionalProperties', 'not', 'additionalItems', 'contains']);
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_MAP_KEYWORDS = new Set(['properties', 'patternProperties']);
/** OpenAPI keywords with no JSON Schema meaning that ajv would misread. */
const DROPPED_KEYWORDS = new Set([
  'discriminator',
  'xml',
  'externalDocs',
  'nullable',
  'x-nullable',
  'example',
]);

export class SchemaConverter {
  private readonly named: Record<string, unknown>;

  /**
   * @param document the whole definition (named schemas are looked up in it)
   * @param warnings where to record what was dropped
   */
  constructor(
    document: Record<string, unknown>,
    private readonly warnings: ImportWarning[],
  ) {
    const components = isObject(document['components']) ? document['components'] : {};
    this.named = {
      ...(isObject(document['definitions']) ? document['definitions'] : {}),
      ...(isObject(components['schemas']) ? components['schemas'] : {}),
    };
  }

  /** A self-contained JSON Schema for `schema` found at `path`. */
  convert(schema: unknown, path: string): JsonSchema {
    const reached = new Set<string>();
    const root = this.convertNode(schema, path, reached);
    if (typeof root === 'boolean' || reached.size === 0) return root;
    const definitions: Record<string, JsonSchema> = {};
    const pending = [...reached];
    while (pending.length > 0) {
      const name = pending.pop() as string;
      if (name in definitions) continue;
      const more = new Set<string>();
      definitions[name] = this.convertNode(this.named[name], `$.definitions.${name}`, more);
      for (const next of more) if (!(next in definitions)) pending.push(next);
    }
    return { ...root, definitions };
  }

  /** Whether `#/definitions/X` (or the components form) names a schema of this document. */
  hasNamed(ref: string): boolean {
    const name = nameOfRef(ref);
    return name !== undefined && name in this.named;
  }

  private convertNode(schema: unknown, path: string, reached: Set<string>): JsonSchema {
    if (typeof schema === 'boolean') return schema;
    if (!isObject(schema)) {
      if (schema !== undefined) this.warn(path, 'is not a schema object; accepted as any value');
      return {};
    }
    if (typeof schema['$ref'] === 'string') {
      const name = nameOfRef(schema['$ref']);
      if (name === undefined || !(name in this.named)) {
        this.warn(
          path,
          `reference ${schema['$ref']} does not name a schema of the definition; accepted as any value`,
        );
        return {};
      }
      reached.add(name);
      return { $ref: `#/definitions/${encodeURIComponent(escapeName(name))}` };
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) {
      if (DROPPED_KEYWORDS.has(key)) continue;
      if (SCHEMA_KEYWORDS.has(key)) {
        out[key] =
          typeof value === 'boolean' ? value : this.convertNode(value, childPath(path, key), reached);
      } else if (SCHEMA_LIST_KEYWORDS.has(key) && Array.isArray(value)) {
        out[key] = value.map((item, i) => this.convertNode(item, childPath(path, key, i), reached));
      } else if (SCHEMA_MAP_KEYWORDS.has(key) && isObject(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, item]) => [
            name,
            this.convertNode(item, childPath(path, key, name), reached),
          ]),
        );
      } else if (key === 'required') {
        if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
          if (value.length > 0) out['required'] = [...new Set(value)];
        } else if (typeof value !== 'boolean') {
          this.warn(childPath(path, key), 'must be a list of property names; ignored');
        }
      } else if (key === 'pattern' && typeof value === 'string') {
        if (compiles(value)) out['pattern'] = value;
        else
          this.warn(childPath(path, key), `pattern ${value} is not a JavaScript regular expression; ignored`);
      } else if (key === 'type') {
        out['type'] = convertType(value, childPath(path, key), this.warnings, out);
      } else {
        out[key] = value;
      }
    }
    if (schema['nullable'] === true || schema['x-nullable'] === true) addNull(out);
    return out;
  }

  private warn(path: string, message: string): void {
    this.warnings.push({ path, message, feature: 'schema' });
  }
}

const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

function convertType(
  value: unknown,
  path: string,
  warnings: ImportWarning[],
  out: Record<string, unknown>,
): unknown {
  if (value === 'file') {
    out['format'] = 'binary';
    return 'string';
  }
  if (typeof value === 'string' && JSON_TYPES.has(value)) return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && JSON_TYPES.has(v))) return value;
  warnings.push({
    path,
    message: `type ${JSON.stringify(value)} is not a JSON Schema type; ignored`,
    feature: 'schema',
  });
  return undefined;
}

function addNull(schema: Record<string, unknown>): void {
  const type = schema['type'];
  if (typeof type === 'string' && type !== 'null') schema['type'] = [type, 'null'];
  else if (Array.isArray(type) && !type.includes('null')) schema['type'] = [...(type as unknown[]), 'null'];
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(null))
    schema['enum'] = [...(schema['enum'] as unknown[]), null];
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function nameOfRef(ref: string): string | undefined {
  const prefix = REF_PREFIXES.find((p) => ref.startsWith(p));
  if (prefix === undefined) return undefined;
  return ref.slice(prefix.length).replace(/~1/g, '/').replace(/~0/g, '~');
}

function escapeName(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Whether a converted schema describes a file (binary string). */
export function isFileSchema(schema: JsonSchema): boolean {
  return isObject(schema) && schema['type'] === 'string' && schema['format'] === 'binary';
}
