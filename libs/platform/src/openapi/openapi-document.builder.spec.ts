import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  All,
  Body,
  Controller,
  Get,
  HttpCode,
  Module,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { z } from 'zod';
import { ApiResponse } from './api-response.decorator.js';
import { buildOpenApiDocument } from './openapi-document.builder.js';
import { collectControllers } from './controller-routes.js';

const createThing = z.strictObject({
  name: z.string().regex(/^[a-z]+$/),
  labels: z.record(z.string(), z.json()).optional(),
  state: z.enum(['on', 'off']).default('on'),
});
const listQuery = z.object({ namespace: z.string().max(63).optional(), top: z.string() });
const thingView = z.object({ id: z.uuid(), name: z.string() });

@Controller('api/things')
class ThingsController {
  @Post()
  @ApiResponse(201, 'The new thing', thingView)
  create(@Body({ schema: createThing }) _body: unknown): void {}

  @Get()
  list(@Query({ schema: listQuery }) _query: unknown): void {}

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) _id: string, @Query('expand') _expand?: string): void {}

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id', { schema: z.string().min(3) }) _id: string): void {}
}

@Controller('api/hooks')
class HooksController {
  @All(':id/invoke/*')
  invoke(): void {}

  @EventPattern('some.topic')
  onEvent(_data: unknown): void {}
}

@Module({ controllers: [HooksController] })
class HooksModule {}

@Module({})
class RootModule {}

const root = { module: RootModule, imports: [HooksModule], controllers: [ThingsController] };
const document = buildOpenApiDocument({ service: 'things', description: 'Things.', root });
const paths = document.paths as Record<string, Record<string, Record<string, unknown>>>;

test('controllers are found through the imports of static and dynamic modules', () => {
  assert.deepEqual(
    collectControllers(root).map((c) => c.name),
    ['ThingsController', 'HooksController'],
  );
});

test('routes, methods and Nest path parameters become sorted OpenAPI paths', () => {
  assert.deepEqual(Object.keys(paths), [
    '/api/hooks/{id}/invoke/{path}',
    '/api/things',
    '/api/things/{id}',
    '/api/things/{id}/enable',
  ]);
  assert.deepEqual(Object.keys(paths['/api/things']!), ['get', 'post']);
  assert.deepEqual(Object.keys(paths['/api/hooks/{id}/invoke/{path}']!), [
    'get',
    'put',
    'post',
    'delete',
    'patch',
  ]);
  assert.equal(paths['/api/hooks/{id}/invoke/{path}']!.post!.operationId, 'Hooks_invoke_post');
});

test('the body schema given to @Body becomes the request body, defaults optional, $defs hoisted', () => {
  const body = paths['/api/things']!.post!.requestBody as {
    content: { 'application/json': { schema: Record<string, unknown> } };
  };
  const schema = body.content['application/json'].schema;
  assert.deepEqual(schema.required, ['name']);
  assert.equal(schema.additionalProperties, false);
  const labels = (schema.properties as Record<string, { additionalProperties: { $ref: string } }>).labels!;
  const ref = labels.additionalProperties.$ref;
  assert.match(ref, /^#\/components\/schemas\/Things_create_schema\d+$/);
  const components = (document.components as { schemas: Record<string, unknown> }).schemas;
  assert.ok(components[ref.split('/').pop()!], 'the hoisted definition exists');
  assert.ok(!JSON.stringify(document).includes('#/$defs/'), 'no reference points at a local $defs');
});

test('query schemas become query parameters; pipes and param schemas type path parameters', () => {
  assert.deepEqual(paths['/api/things']!.get!.parameters, [
    { name: 'namespace', in: 'query', required: false, schema: { type: 'string', maxLength: 63 } },
    { name: 'top', in: 'query', required: true, schema: { type: 'string' } },
  ]);
  assert.deepEqual(paths['/api/things/{id}']!.get!.parameters, [
    { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    { name: 'expand', in: 'query', required: false, schema: { type: 'string' } },
  ]);
  assert.deepEqual(paths['/api/things/{id}/enable']!.post!.parameters, [
    { name: 'id', in: 'path', required: true, schema: { type: 'string', minLength: 3 } },
  ]);
});

test('declared answers carry their schema, others the status Nest sends; errors use the error body', () => {
  const created = paths['/api/things']!.post!.responses as Record<string, Record<string, unknown>>;
  assert.equal(created['201']!.description, 'The new thing');
  assert.ok(JSON.stringify(created['201']!.content).includes('"format":"uuid"'));
  assert.deepEqual(created['4XX'], { $ref: '#/components/responses/Error' });
  const enabled = paths['/api/things/{id}/enable']!.post!.responses as Record<string, unknown>;
  assert.deepEqual(Object.keys(enabled), ['200', '4XX', '5XX']);
  const errorSchema = JSON.stringify(document.components);
  assert.ok(errorSchema.includes('"problems"') && errorSchema.includes('FieldProblem'));
});

test('the Kafka handler of a controller is not an HTTP route', () => {
  assert.ok(!JSON.stringify(paths).includes('onEvent'));
});
