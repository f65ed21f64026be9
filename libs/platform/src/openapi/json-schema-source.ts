/**
 * A schema that can describe itself as JSON Schema: the Standard JSON Schema interface (`~standard.jsonSchema`)
 * that zod 4 schemas implement. Nest 12's `@Body({ schema })`, `@Query({ schema })` and `@Param(name, { schema })`
 * keep such a schema in the route metadata; the OpenAPI generator reads it from there.
 */
export interface JsonSchemaSource {
  readonly '~standard': {
    readonly jsonSchema?: {
      input(options: { target: 'draft-2020-12' }): Record<string, unknown>;
      output(options: { target: 'draft-2020-12' }): Record<string, unknown>;
    };
  };
}

/** A JSON Schema object as the generator handles it. */
export type JsonSchema = Record<string, unknown>;

/** The schema's JSON Schema (2020-12): `input` for what a request sends, `output` for what a response carries. */
export function jsonSchemaOf(source: unknown, io: 'input' | 'output'): JsonSchema | undefined {
  const standard = (source as Partial<JsonSchemaSource> | undefined)?.['~standard'];
  const converter = standard?.jsonSchema;
  if (converter === undefined) return undefined;
  const { $schema: _dialect, ...schema } = converter[io]({ target: 'draft-2020-12' });
  return schema;
}
