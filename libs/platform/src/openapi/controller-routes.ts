import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import {
  HTTP_CODE_METADATA,
  METHOD_METADATA,
  MODULE_METADATA,
  PATH_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { declaredResponses, type ApiResponseDeclaration } from './api-response.decorator.js';

/** One argument of a route handler that comes from the request: a path parameter, the query, or the body. */
export interface RouteInput {
  source: 'path' | 'query' | 'body';
  /** `@Param('id')` -> `id`; absent for the whole query or body. */
  name?: string;
  /** The schema given with `@Body({ schema })` and friends. */
  schema?: unknown;
  /** Names of the pipe classes applied (`ParseUUIDPipe` documents a UUID). */
  pipes: string[];
}

/** An HTTP route as Nest registers it, read from the decorators' metadata. */
export interface ControllerRoute {
  controller: string;
  handler: string;
  /** `RequestMethod` name in lower case; `all` for `@All`. */
  method: string;
  /** Full path as Nest spells it, with a leading slash: `/api/workflows/:id`. */
  path: string;
  /** `@HttpCode`, else Nest's default (201 for POST, 200 otherwise). */
  status: number;
  inputs: RouteInput[];
  responses: ApiResponseDeclaration[];
}

type ModuleRef = Type<unknown> | DynamicModule | Promise<DynamicModule> | { forwardRef: () => unknown };

/**
 * The controller classes of a module tree (imports followed depth-first, each class once), the way Nest would
 * find them, without instantiating anything: the generator runs without Kafka, Postgres or Vault.
 */
export function collectControllers(root: Type<unknown> | DynamicModule): Type<unknown>[] {
  const seen = new Set<unknown>();
  const controllers: Type<unknown>[] = [];
  const visit = (entry: ModuleRef | undefined): void => {
    if (entry === undefined || entry === null || entry instanceof Promise) return;
    if (typeof entry === 'object' && 'forwardRef' in entry) return visit(entry.forwardRef() as ModuleRef);
    if (seen.has(entry)) return;
    seen.add(entry);
    const moduleClass = typeof entry === 'function' ? entry : entry.module;
    const dynamic = typeof entry === 'function' ? undefined : entry;
    const own = (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, moduleClass) ?? []) as Type<unknown>[];
    for (const controller of [...own, ...(dynamic?.controllers ?? [])])
      if (!controllers.includes(controller)) controllers.push(controller);
    const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, moduleClass) ?? []) as ModuleRef[];
    for (const imported of [...imports, ...((dynamic?.imports ?? []) as ModuleRef[])]) visit(imported);
  };
  visit(root);
  return controllers;
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : '/'];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part !== '')
    .join('/');
  return `/${joined}`;
}

function pipeNames(pipes: unknown[]): string[] {
  return pipes.map((pipe) =>
    typeof pipe === 'function' ? pipe.name : ((pipe as object).constructor?.name ?? 'pipe'),
  );
}

interface RouteArgMetadata {
  index: number;
  data?: unknown;
  pipes?: unknown[];
  schema?: unknown;
}

const SOURCES = new Map<number, RouteInput['source']>([
  [RouteParamtypes.PARAM, 'path'],
  [RouteParamtypes.QUERY, 'query'],
  [RouteParamtypes.BODY, 'body'],
]);

function inputsOf(controller: Type<unknown>, handler: string): RouteInput[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {}) as Record<
    string,
    RouteArgMetadata
  >;
  const inputs: { index: number; input: RouteInput }[] = [];
  for (const [key, arg] of Object.entries(args)) {
    const source = SOURCES.get(Number(key.split(':')[0]));
    if (source === undefined) continue;
    const input: RouteInput = { source, pipes: pipeNames(arg.pipes ?? []) };
    if (typeof arg.data === 'string') input.name = arg.data;
    if (arg.schema !== undefined) input.schema = arg.schema;
    inputs.push({ index: arg.index, input });
  }
  return inputs.sort((a, b) => a.index - b.index).map((entry) => entry.input);
}

/** Every HTTP route of the controllers (Kafka and gRPC handlers have none and are skipped). */
export function readRoutes(controllers: readonly Type<unknown>[]): ControllerRoute[] {
  const routes: ControllerRoute[] = [];
  for (const controller of controllers) {
    const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = controller.prototype as Record<string, unknown>;
    for (const handler of Object.getOwnPropertyNames(prototype)) {
      if (handler === 'constructor') continue;
      const fn = Object.getOwnPropertyDescriptor(prototype, handler)?.value as unknown;
      if (typeof fn !== 'function') continue;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      const ownPath = Reflect.getMetadata(PATH_METADATA, fn) as unknown;
      if (requestMethod === undefined || ownPath === undefined) continue;
      const method = RequestMethod[requestMethod].toLowerCase();
      const code = Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined;
      const status = code ?? (requestMethod === RequestMethod.POST ? 201 : 200);
      for (const prefix of prefixes)
        for (const path of pathsOf(ownPath))
          routes.push({
            controller: controller.name,
            handler,
            method,
            path: joinPath(prefix, path),
            status,
            inputs: inputsOf(controller, handler),
            responses: declaredResponses(fn),
          });
    }
  }
  return routes;
}
