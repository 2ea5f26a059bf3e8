import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { z } from 'zod';

/** A parameter a route reads from the request, with the schema it is validated against. */
export interface RouteInput {
  in: 'path' | 'query' | 'body';
  /** `@Param('id')`, `@Query('x')`; absent when the whole query or body is read. */
  name?: string;
  schema?: z.ZodType;
}

/** A route as the app registered it, read from the controllers' metadata (not from the docs). */
export interface RouteInfo {
  method: string;
  /** OpenAPI style: `/v1/trips/{id}`. */
  path: string;
  handler: string;
  inputs: RouteInput[];
  /** The roles allowed by `@Roles`, or undefined when any caller is. */
  roles?: string[];
  /** Left out of the OpenAPI document on purpose (`@ApiExcludeController`, `@ApiExcludeEndpoint`). */
  undocumented: boolean;
}

const SWAGGER_EXCLUDE_CONTROLLER = 'swagger/apiExcludeController';
const SWAGGER_EXCLUDE_ENDPOINT = 'swagger/apiExcludeEndpoint';
const ROLES = 'muvo:roles';

const joinPath = (...parts: string[]) =>
  ('/' + parts.filter(Boolean).join('/'))
    .replace(/\/+/g, '/')
    .replace(/(.)\/$/, '$1')
    .replace(/:(\w+)/g, '{$1}');

/** Every route of the controllers of a running Nest app. */
export function routesOf(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const seen = new Set<Type>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat()[0] as string;
      const excluded = Boolean(Reflect.getMetadata(SWAGGER_EXCLUDE_CONTROLLER, controller)?.[0]);
      for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
        const fn = controller.prototype[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined;
        if (sub === undefined) continue;
        const args: Record<string, { index: number; data?: unknown; schema?: z.ZodType }> =
          Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handler) ?? {};
        const inputs: RouteInput[] = [];
        for (const [key, arg] of Object.entries(args)) {
          const type = Number(key.split(':')[0]);
          const where =
            type === RouteParamtypes.BODY
              ? 'body'
              : type === RouteParamtypes.QUERY
                ? 'query'
                : type === RouteParamtypes.PARAM
                  ? 'path'
                  : undefined;
          if (!where) continue;
          inputs.push({ in: where, name: typeof arg.data === 'string' ? arg.data : undefined, schema: arg.schema });
        }
        for (const path of [sub].flat()) {
          routes.push({
            method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, fn) as number],
            path: joinPath(base, path),
            handler: `${controller.name}.${handler}`,
            inputs,
            roles: Reflect.getMetadata(ROLES, fn) ?? Reflect.getMetadata(ROLES, controller),
            undocumented: excluded || Boolean(Reflect.getMetadata(SWAGGER_EXCLUDE_ENDPOINT, fn)?.disable),
          });
        }
      }
    }
  }
  return routes;
}

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  minItems?: number;
  default?: unknown;
  examples?: unknown[];
  example?: unknown;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
  $defs?: Record<string, JsonSchema>;
  additionalProperties?: unknown;
  nullable?: boolean;
};

/** The JSON Schema of what a route accepts (its input side), with `$ref`s resolved. */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  const root = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const definitions = { ...root.definitions, ...root.$defs };
  const resolve = (node: JsonSchema, depth = 0): JsonSchema => {
    if (depth > 20 || typeof node !== 'object' || node === null) return node;
    if (node.$ref) {
      const name = node.$ref.split('/').pop()!;
      return resolve({ ...definitions[name], ...node, $ref: undefined }, depth + 1);
    }
    const out: JsonSchema = { ...node };
    if (node.properties)
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, resolve(v, depth + 1)]));
    if (node.items) out.items = resolve(node.items, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
      if (node[key]) out[key] = node[key]!.map((v) => resolve(v, depth + 1));
    return out;
  };
  return resolve(root);
}

/** The object properties a schema accepts (merging `allOf`), or undefined when it is not an object. */
export function propertiesOf(schema: JsonSchema): Record<string, JsonSchema> | undefined {
  if (schema.properties) return schema.properties;
  const parts = [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]
    .map(propertiesOf)
    .filter((p): p is Record<string, JsonSchema> => Boolean(p));
  return parts.length ? Object.assign({}, ...parts) : undefined;
}
