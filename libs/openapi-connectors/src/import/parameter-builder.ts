/** Builds `OperationParameter`s and responses from raw definition nodes; shared by both spec versions. */
import type {
  ImportWarning,
  JsonSchema,
  OperationParameter,
  OperationResponse,
  ParameterLocation,
  TriggerInfo,
} from '../model/imported-connector.js';
import { childPath, isObject } from './json-path.js';
import { isFileSchema, type SchemaConverter } from './json-schema-converter.js';
import {
  dynamicSchemaOf,
  dynamicValuesOf,
  isNotificationUrl,
  notificationUrlPointer,
  visibilityOf,
} from './operation-extensions.js';

const COLLECTION_FORMATS = new Set(['csv', 'ssv', 'tsv', 'pipes', 'multi']);

export interface BuildContext {
  converter: SchemaConverter;
  warnings: ImportWarning[];
}

export function buildParameter(
  context: BuildContext,
  node: Record<string, unknown>,
  location: ParameterLocation,
  rawSchema: unknown,
  path: string,
  schemaPath: string,
): OperationParameter {
  const schema = context.converter.convert(rawSchema, schemaPath);
  const collectionFormat = node['collectionFormat'];
  const dynamicValues = dynamicValuesOf(node, path, context.warnings);
  const dynamicSchema =
    dynamicSchemaOf(node, path, context.warnings) ??
    (isObject(rawSchema) ? dynamicSchemaOf(rawSchema, schemaPath, context.warnings) : undefined);
  const summary = node['x-ms-summary'];
  const description = node['description'];
  return {
    name: String(node['name']),
    in: location,
    required: node['required'] === true || location === 'path',
    schema,
    ...(typeof summary === 'string' ? { summary } : {}),
    ...(typeof description === 'string' ? { description } : {}),
    visibility: visibilityOf(node, path, context.warnings),
    ...(node['default'] !== undefined
      ? { default: node['default'] }
      : isObject(schema) && schema['default'] !== undefined
        ? { default: schema['default'] }
        : {}),
    file: isFileSchema(schema),
    ...(isNotificationUrl(node) ? { notificationUrl: true } : {}),
    urlEncoding: node['x-ms-url-encoding'] === 'double' ? 'double' : 'single',
    ...(typeof collectionFormat === 'string' && COLLECTION_FORMATS.has(collectionFormat)
      ? { collectionFormat: collectionFormat as OperationParameter['collectionFormat'] }
      : {}),
    ...(dynamicValues !== undefined ? { dynamicValues } : {}),
    ...(dynamicSchema !== undefined ? { dynamicSchema } : {}),
    source: path,
  };
}

/** Swagger 2 non-body parameters carry their schema keywords on the parameter itself. */
export function inlineParameterSchema(node: Record<string, unknown>): Record<string, unknown> {
  const schema: Record<string, unknown> = {};
  for (const key of [
    'type',
    'format',
    'items',
    'enum',
    'default',
    'minimum',
    'maximum',
    'exclusiveMinimum',
    'exclusiveMaximum',
    'minLength',
    'maxLength',
    'pattern',
    'minItems',
    'maxItems',
    'uniqueItems',
    'multipleOf',
    'x-ms-dynamic-values',
    'x-ms-dynamic-list',
    'x-ms-summary',
    'x-ms-visibility',
  ]) {
    if (node[key] !== undefined) schema[key] = node[key];
  }
  if (node['x-nullable'] === true) schema['x-nullable'] = true;
  return schema;
}

export function buildResponse(
  context: BuildContext,
  status: string,
  node: Record<string, unknown>,
  rawSchema: unknown,
  schemaPath: string,
): OperationResponse {
  const description = node['description'];
  if (rawSchema === undefined) {
    return { status, ...(typeof description === 'string' ? { description } : {}), file: false };
  }
  const schema = context.converter.convert(rawSchema, schemaPath);
  const dynamicSchema = isObject(rawSchema)
    ? dynamicSchemaOf(rawSchema, schemaPath, context.warnings)
    : undefined;
  return {
    status,
    ...(typeof description === 'string' ? { description } : {}),
    schema,
    file: isFileSchema(schema),
    ...(dynamicSchema !== undefined ? { dynamicSchema } : {}),
  };
}

/**
 * `x-ms-trigger` of an operation -> trigger info, or undefined for an action. A parameter (or a body
 * property) with `x-ms-notification-url` makes it a webhook.
 */
export function triggerOf(
  context: BuildContext,
  operation: Record<string, unknown>,
  path: string,
  parameters: OperationParameter[],
  responses: OperationResponse[],
  notificationContent: unknown,
): TriggerInfo | undefined {
  const kind = operation['x-ms-trigger'];
  if (kind === undefined) return undefined;
  let cardinality: TriggerInfo['cardinality'] = 'single';
  if (kind === 'batch') cardinality = 'batch';
  else if (kind !== 'single') {
    context.warnings.push({
      path: childPath(path, 'x-ms-trigger'),
      message: `${JSON.stringify(kind)} is not single or batch; treated as single`,
      feature: 'x-ms-trigger',
    });
  }
  let notificationUrlAt: TriggerInfo['notificationUrlAt'];
  for (const parameter of parameters) {
    if (parameter.notificationUrl === true) {
      notificationUrlAt = { in: parameter.in, name: parameter.name, pointer: '' };
      break;
    }
    const pointer = parameter.in === 'body' ? notificationUrlPointer(parameter.schema) : undefined;
    if (pointer !== undefined) {
      notificationUrlAt = { in: 'body', name: parameter.name, pointer };
      break;
    }
  }
  const success = responses.find((r) => r.status.startsWith('2') && r.schema !== undefined);
  if (notificationUrlAt !== undefined) {
    const content = isObject(notificationContent) ? notificationContent['schema'] : undefined;
    return {
      type: 'webhook',
      cardinality,
      notificationUrlAt,
      ...(content !== undefined
        ? {
            outputSchema: context.converter.convert(
              content,
              childPath(path, 'x-ms-notification-content', 'schema'),
            ),
          }
        : {}),
    };
  }
  return {
    type: 'polling',
    cardinality,
    ...(success?.schema !== undefined ? { outputSchema: success.schema } : {}),
  };
}

export type { JsonSchema };
