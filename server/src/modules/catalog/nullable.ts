import { type Static, type TSchema, Type } from '@sinclair/typebox';

/**
 * `schema` or null, as one JSON Schema type list (`type: ['integer', 'null']`) rather than
 * `anyOf [schema, null]`: the HTTP layer's ajv coerces types, and in an anyOf it would turn a bad
 * 0, "" or false into null and accept it. With a type list a value of the right type is never coerced.
 */
export function nullable<T extends TSchema & { type: string }>(schema: T, extra: object = {}) {
  const { type, ...rest } = schema;
  return Type.Unsafe<Static<T> | null>({ ...rest, ...extra, type: [type, 'null'] });
}
