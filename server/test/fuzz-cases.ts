/**
 * Malformed requests derived from an operation of the OpenAPI document, for the fuzz test. Pure and
 * deterministic: the same document gives the same cases, so a failure names a case that can be re-run.
 *
 * A case starts from a request the schema accepts (the baseline) and changes one thing: a body field
 * (missing, wrong type, out of range, at its limits, NUL or a lone surrogate in text), the body as a
 * whole, a path parameter, a header, or the query string. Values the schema accepts but a column may
 * not (2^31 in an id, the longest string, year 9999) are included on purpose: they reach the database.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  not?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
}

export interface OperationParameter {
  in: 'path' | 'query' | 'header' | string;
  name: string;
  required?: boolean;
  schema?: JsonSchema;
}

/** What the generator reads of one operation. */
export interface RouteShape {
  method: string;
  path: string;
  parameters: OperationParameter[];
  /** The JSON body schema; undefined when the route takes none. */
  body?: JsonSchema;
  /** Media types of a raw (binary) body, when the route takes bytes instead of JSON. */
  binaryTypes?: string[];
  /** A file the binary route accepts (its baseline): a real PNG. */
  image?: Buffer;
  /** Body fields set in the baseline over the sample (values the schema cannot tell, like a fitting `type`). */
  baseline?: Record<string, unknown>;
}

/** Real values for a field or parameter by name (`skuId` → a SKU that exists), so cases get past 404s. */
export type Hints = (name: string, schema: JsonSchema) => unknown;

export interface FuzzCase {
  /** Names what was changed: `body.items[0].skuId = 2147483648`. */
  name: string;
  /** Path parameter values, already URL-encoded; the baseline where not given. */
  params: Record<string, string>;
  query: string;
  /** Header values; `undefined` drops the header. A fresh Idempotency-Key is added by the runner unless named here. */
  headers: Record<string, string | undefined>;
  /** A JSON body (serialised by the runner), or raw bytes with their content type. */
  body: { json: unknown } | { raw: string | Buffer; contentType: string } | undefined;
}

const INT4_MAX = 2 ** 31 - 1;
const MISSING = Symbol('missing');
type Value = unknown | typeof MISSING;

const label = (value: Value): string => {
  if (value === MISSING) return '<missing>';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 30)}…(${text.length} chars)` : text;
};

/** Non-null types a schema allows, and whether null is one. */
function typesOf(schema: JsonSchema): { types: string[]; nullable: boolean } {
  const raw = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  return { types: raw.filter((t) => t !== 'null'), nullable: raw.includes('null') };
}

function merged(schema: JsonSchema): JsonSchema {
  if (!schema.allOf) return schema;
  return schema.allOf.reduce<JsonSchema>(
    (all, part) => {
      const m = merged(part);
      return {
        ...all,
        ...m,
        properties: { ...all.properties, ...m.properties },
        required: [...(all.required ?? []), ...(m.required ?? [])],
      };
    },
    { ...schema, allOf: undefined },
  );
}

/** Every literal an anyOf/enum/const schema allows, or undefined when it is not a set of literals. */
function literals(schema: JsonSchema): unknown[] | undefined {
  if (schema.const !== undefined) return [schema.const];
  if (schema.enum) return schema.enum;
  if (schema.anyOf?.every((branch) => literals(branch) !== undefined)) {
    return schema.anyOf.flatMap((branch) => literals(branch)!);
  }
  return undefined;
}

// Strings tried in order for a `pattern`; the first the pattern (and length) accepts is the sample.
const PATTERN_SAMPLES = [
  'fuzz',
  'ABCD1234',
  '12345',
  '+8613800138000',
  'https://example.com/fuzz',
  'G12345',
  'product:1',
];
// Strings a pattern may accept that reach further than the sample: long numbers, odd characters.
const PATTERN_EXTREMES = [
  'product:9999999999999999',
  'product:2147483648',
  'G9999999999',
  '9999999999',
  '+999999999999999',
  'https://example.com/' + 'a'.repeat(2_000),
  'https://' + 'x'.repeat(5_000),
  'a.-_:@+',
  '---',
  '00000000',
];

function matches(schema: JsonSchema, text: string): boolean {
  if (schema.minLength !== undefined && [...text].length < schema.minLength) return false;
  if (schema.maxLength !== undefined && [...text].length > schema.maxLength) return false;
  return schema.pattern === undefined || new RegExp(schema.pattern, 'u').test(text);
}

function sampleString(schema: JsonSchema): string {
  if (schema.format === 'date-time') return '2030-01-01T00:00:00.000Z';
  if (schema.format === 'date') return '2030-01-01';
  if (schema.format === 'uri') return 'https://example.com/fuzz';
  if (schema.format === 'email') return 'fuzz@example.com';
  const found = PATTERN_SAMPLES.find((s) => matches(schema, s));
  if (found) return found;
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
}

function sampleNumber(schema: JsonSchema, integer: boolean): number {
  const low =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
  const high =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
  let value = low !== undefined && low > 1 ? low : 1;
  if (high !== undefined && value > high) value = high;
  if (schema.not && literals(schema.not)?.includes(value)) value = value + 1;
  return integer ? Math.ceil(value) : value;
}

/** A value the schema accepts: required properties only, the smallest arrays, the first literal. */
export function sample(schema: JsonSchema, hints: Hints, name = ''): unknown {
  const s = merged(schema);
  const hinted = name ? hints(name, s) : undefined;
  if (hinted !== undefined) return hinted;
  if (s.default !== undefined) return s.default;
  const literal = literals(s);
  if (literal) return literal[0];
  if (s.anyOf) {
    const branch = s.anyOf.find((b) => !typesOf(b).nullable && b.type !== 'null') ?? s.anyOf[0]!;
    return sample(branch, hints, name);
  }
  const { types } = typesOf(s);
  const type = types[0] ?? (s.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) out[key] = sample(s.properties?.[key] ?? {}, hints, key);
      // a PATCH body that must change something: its first optional field
      const optional = Object.keys(s.properties ?? {}).filter((key) => !(key in out));
      for (const key of optional.slice(0, Math.max((s.minProperties ?? 0) - Object.keys(out).length, 0))) {
        out[key] = sample(s.properties![key]!, hints, key);
      }
      return out;
    }
    case 'array': {
      const count = Math.max(s.minItems ?? 0, 1);
      const item = s.items ?? {};
      return Array.from({ length: count }, () => sample(item, hints, singular(name)));
    }
    case 'string':
      return sampleString(s);
    case 'integer':
      return sampleNumber(s, true);
    case 'number':
      return sampleNumber(s, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return 'fuzz';
  }
}

/** `skus` → `sku`, `productIds` → `productId`: hints for array items go by the item's name. */
const singular = (name: string) => name.replace(/ies$/, 'y').replace(/s$/, '');

/** Values to put where a field of `schema` is: wrong types, limits, text the database must refuse. */
function badValues(schema: JsonSchema, current: unknown): Value[] {
  const s = merged(schema);
  const { types, nullable } = typesOf(s);
  const out: Value[] = [];
  if (!nullable) out.push(null);
  const literal = literals(s);
  if (literal) {
    out.push('not_a_choice', 12345, `${String(literal[0])}\u0000`);
    return out;
  }
  const type = types[0] ?? (s.properties ? 'object' : s.anyOf ? 'any' : undefined);
  switch (type) {
    case 'string': {
      out.push(12345, [], '', '   ', 'a\u0000b', 'a\ud800b', '\ud83d\ude00'.repeat(3));
      const max = s.maxLength;
      if (max !== undefined) {
        out.push('x'.repeat(max + 1), '字'.repeat(max), `\u0000${'x'.repeat(Math.max(max - 1, 0))}`);
      } else out.push('x'.repeat(100_000));
      if (s.minLength !== undefined && s.minLength > 1) out.push('x'.repeat(s.minLength - 1));
      if (s.format === 'date-time') {
        out.push(
          'yesterday',
          '0000-01-01T00:00:00Z',
          '0001-01-01T00:00:00Z',
          '9999-12-31T23:59:59Z',
          '1970-01-01T00:00:00Z',
          '2030-02-30T00:00:00Z',
          '2030-01-01T00:00:00+14:00',
          '2030-01-01',
        );
      }
      if (s.format === 'date') out.push('0000-01-01', '9999-12-31', '2030-02-30', '2030-1-1');
      if (s.format === 'uri') out.push('javascript:alert(1)', 'not a uri');
      if (s.pattern !== undefined) out.push(...PATTERN_EXTREMES.filter((e) => matches(s, e)));
      // long free text may be parsed (a CSV upload, a list of ids): numbers past bigint, a quote left open
      if (max === undefined || max >= 1_000) out.push(...TEXT_EXTREMES);
      break;
    }
    case 'integer':
    case 'number': {
      out.push('1');
      if (type === 'integer') out.push(1.5);
      const edges = [0, -1, INT4_MAX + 1, -(INT4_MAX + 2), Number.MAX_SAFE_INTEGER, 2 ** 53, 1e300];
      if (s.minimum !== undefined) edges.push(s.minimum - 1, s.minimum);
      if (s.maximum !== undefined) edges.push(s.maximum, s.maximum + 1);
      if (s.exclusiveMaximum !== undefined) edges.push(s.exclusiveMaximum);
      if (type === 'number') edges.push(1e-9, -0.5);
      out.push(...edges);
      break;
    }
    case 'boolean':
      out.push('true', 1);
      break;
    case 'object':
      out.push([current], 'x', {}, { ...(current as object), zzFuzzExtra: 1 });
      break;
    case 'array': {
      const items = Array.isArray(current) ? current : [];
      const item = items[0];
      out.push({}, [], item === undefined ? [] : [item, item]);
      if (item !== undefined) {
        const many = Math.min((s.maxItems ?? 999) + 1, 1_000);
        out.push(Array.from({ length: many }, () => item));
        out.push([...items, null]);
      }
      break;
    }
    default:
      out.push('x', 1, [], {});
  }
  return out;
}

/** The schema of a plain JSON value: every key required, types as found. */
function inferred(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array', items: value.length > 0 ? inferred(value[0]) : {} };
  if (value === null) return { type: 'null' };
  if (typeof value === 'object') {
    const properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inferred(v)]));
    return { type: 'object', properties, required: Object.keys(properties) };
  }
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'number' };
  return { type: typeof value };
}

/** A free-form object or array (`additionalProperties: true`, no items) is fuzzed by the shape of its baseline. */
function open(schema: JsonSchema, current: unknown): JsonSchema {
  const { types } = typesOf(schema);
  if (types[0] === 'object' && !schema.properties && current && typeof current === 'object') {
    return { ...inferred(current), ...schema, properties: inferred(current).properties };
  }
  if (types[0] === 'array' && !schema.items && Array.isArray(current))
    return { ...schema, items: inferred(current).items };
  return schema;
}

interface Mutation {
  field: string;
  value: Value;
  body: unknown;
}

/**
 * Every single-field change of `current` (a value of `schema` at `field`): `place(v)` returns the
 * whole body with `v` at this field, so nested fields keep their valid siblings.
 */
function mutations(
  schema: JsonSchema,
  current: unknown,
  field: string,
  place: (value: Value) => unknown,
  hints: Hints,
  depth: number,
): Mutation[] {
  const s = open(merged(schema), current);
  const out: Mutation[] = badValues(s, current).map((value) => ({ field, value, body: place(value) }));
  // every other choice of a literal set once: each may take its own path through the use case
  for (const choice of (literals(s) ?? []).filter((v) => v !== current).slice(0, 12)) {
    out.push({ field, value: choice, body: place(choice) });
  }
  if (depth >= 4) return out;
  const { types } = typesOf(s);
  const type = types[0] ?? (s.properties ? 'object' : undefined);
  if (
    type === 'object' &&
    s.properties &&
    current &&
    typeof current === 'object' &&
    !Array.isArray(current)
  ) {
    const object = current as Record<string, unknown>;
    for (const [key, child] of Object.entries(s.properties)) {
      const childField = field ? `${field}.${key}` : key;
      const required = s.required?.includes(key) ?? false;
      const childPlace = (value: Value) => {
        const next = { ...object };
        if (value === MISSING) delete next[key];
        else next[key] = value;
        return place(next);
      };
      if (required) out.push({ field: childField, value: MISSING, body: childPlace(MISSING) });
      const childCurrent = key in object ? object[key] : sample(child, hints, key);
      // an optional field the baseline leaves out is tried once with a valid value, then malformed
      if (!(key in object))
        out.push({ field: childField, value: childCurrent, body: childPlace(childCurrent) });
      out.push(...mutations(child, childCurrent, childField, childPlace, hints, depth + 1));
    }
  }
  if (type === 'array' && s.items && Array.isArray(current)) {
    const item = current[0] ?? sample(s.items, hints, singular(field.split('.').pop() ?? ''));
    const itemPlace = (value: Value) => place([value === MISSING ? null : value, ...current.slice(1)]);
    out.push(...mutations(s.items, item, `${field}[0]`, itemPlace, hints, depth + 1));
  }
  if (s.anyOf && !literals(s)) {
    // each shape of a union once more, from its own sample
    for (const branch of s.anyOf.slice(1, 4)) {
      if (typesOf(branch).types.length === 0 && branch.type === 'null') continue;
      const branchSample = sample(branch, hints, field.split('.').pop() ?? '');
      out.push({ field, value: branchSample, body: place(branchSample) });
      out.push(...mutations(branch, branchSample, field, place, hints, depth + 1));
    }
  }
  return out;
}

const TEXT_EXTREMES = [
  '99999999999999999999,sf,SF1234567890',
  '1,sf,"unclosed\n2,sf,x',
  '-1,,\n0,sf,SF1\n1e400,sf,SF2\n',
  `${'1,sf,SF1234567890\n'.repeat(2_000)}`,
];

// Path parameter values (URL-encoded): beyond int4 and 2^53, not numbers, NUL, very long.
const BAD_PATH_VALUES = [
  '0',
  '-1',
  String(INT4_MAX + 1),
  String(Number.MAX_SAFE_INTEGER),
  String(2 ** 53),
  '99999999999999999999999',
  'abc',
  '1.5',
  '%00',
  '%ED%A0%80',
  'x'.repeat(2_000),
];

// Query values (URL-encoded): numbers past every range, dates PostgreSQL or Date cannot hold, bad text.
const BAD_QUERY_VALUES = [
  '',
  'abc',
  '-1',
  '2147483648',
  '99999999999999999999999',
  '1e309',
  '%00',
  'x'.repeat(2_000),
  '9999-12-31T23:59:59Z',
  '0000-01-01',
  '275760-09-14',
];

const BAD_HEADER_VALUES = ['', 'short', 'x'.repeat(5_000), 'has space/\\%00'];

/** The cases of one write route, baseline first. */
export function fuzzCases(route: RouteShape, hints: Hints): FuzzCase[] {
  const pathParams = route.parameters.filter((p) => p.in === 'path');
  const baseParams: Record<string, string> = Object.fromEntries(
    pathParams.map((p) => [p.name, encodeURIComponent(String(sample(p.schema ?? {}, hints, p.name)))]),
  );
  const base: FuzzCase = {
    name: 'baseline',
    params: baseParams,
    query: '',
    headers: {},
    body: undefined,
  };
  const cases: FuzzCase[] = [];
  const add = (name: string, change: Partial<FuzzCase>) =>
    cases.push({ ...base, ...change, name, params: { ...baseParams, ...change.params } });

  if (route.binaryTypes) {
    const type = route.binaryTypes.includes('image/png') ? 'image/png' : route.binaryTypes[0]!;
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    base.body = { raw: route.image ?? png, contentType: type };
    add('baseline', {});
    add('PNG magic, then garbage', {
      body: { raw: Buffer.concat([png, Buffer.from('garbage')]), contentType: type },
    });
    if (route.image) {
      add('PNG cut in half', {
        body: { raw: route.image.subarray(0, route.image.length >> 1), contentType: type },
      });
      add('PNG sent as another type', {
        body: { raw: route.image, contentType: route.binaryTypes.find((t) => t !== type) ?? 'image/gif' },
      });
    }
    add('empty bytes', { body: { raw: Buffer.alloc(0), contentType: type } });
    add('text as image', { body: { raw: 'not an image', contentType: type } });
    add('truncated PNG header', { body: { raw: png.subarray(0, 4), contentType: type } });
    add('JSON instead of bytes', { body: { raw: '{"a":1}', contentType: 'application/json' } });
    add('unknown media type', { body: { raw: 'x', contentType: 'application/x-fuzz' } });
  } else if (route.body) {
    const sampled = sample(route.body, hints);
    const baseline = route.baseline ? { ...(sampled as object), ...route.baseline } : sampled;
    base.body = { json: baseline };
    add('baseline', {});
    for (const m of mutations(route.body, baseline, '', (v) => (v === MISSING ? undefined : v), hints, 0)) {
      if (m.body === undefined) continue;
      add(`body${m.field ? `.${m.field}` : ''} = ${label(m.value)}`, { body: { json: m.body } });
    }
    add('body is not JSON', { body: { raw: '{"a": ', contentType: 'application/json' } });
    add('body is text/plain', { body: { raw: 'x', contentType: 'text/plain' } });
    add('body is JSON null', { body: { raw: 'null', contentType: 'application/json' } });
    const json = JSON.stringify(baseline);
    add('body in UTF-16', { body: { raw: json, contentType: 'application/json; charset=utf-16' } });
    add('body said to be gzip', {
      body: { raw: json, contentType: 'application/json' },
      headers: { 'content-encoding': 'gzip' },
    });
    add('body with a BOM', { body: { raw: `\ufeff${json}`, contentType: 'application/json' } });
    add('body as a vendor JSON type', { body: { raw: json, contentType: 'application/vnd.fuzz+json' } });
    add('body is deeply nested', {
      body: { raw: `${'['.repeat(5_000)}${']'.repeat(5_000)}`, contentType: 'application/json' },
    });
    add('body has __proto__', {
      body: {
        raw: `{"__proto__": {"x": 1}, ${JSON.stringify(baseline).slice(1)}`,
        contentType: 'application/json',
      },
    });
  } else {
    add('baseline', {});
    if (route.method !== 'DELETE') {
      add('unexpected body', { body: { json: { zzFuzzExtra: 1 } } });
      add('unexpected array body', { body: { json: [1] } });
      add('unexpected text body', { body: { raw: 'x', contentType: 'text/plain' } });
    }
  }

  for (const p of pathParams) {
    for (const value of BAD_PATH_VALUES)
      add(`path {${p.name}} = ${label(value)}`, { params: { [p.name]: value } });
  }

  for (const p of route.parameters.filter((q) => q.in === 'header')) {
    const name = p.name.toLowerCase();
    if (p.required) add(`header ${name} missing`, { headers: { [name]: undefined } });
    for (const value of BAD_HEADER_VALUES)
      add(`header ${name} = ${label(value)}`, { headers: { [name]: value } });
    if (p.schema?.maxLength !== undefined) {
      add(`header ${name} at its longest`, { headers: { [name]: 'k'.repeat(p.schema.maxLength) } });
    }
  }

  for (const p of route.parameters.filter((q) => q.in === 'query')) {
    for (const value of BAD_QUERY_VALUES)
      add(`query ${p.name} = ${label(value)}`, { query: `${p.name}=${value}` });
  }
  add('unknown query parameter', { query: 'zzFuzz=%00&zzFuzz=1' });

  if (route.parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key')) {
    // the same request twice under one key: the second is a replay and answers as the first did
    const key = `fuzz-replay-${route.path.replace(/[^A-Za-z0-9]+/g, '.')}`.slice(0, 100);
    add('Idempotency-Key, first use', { headers: { 'idempotency-key': key } });
    add('Idempotency-Key, replayed', { headers: { 'idempotency-key': key } });
  }

  const seen = new Set<string>();
  return cases.filter((c) => {
    if (c.name === 'Idempotency-Key, replayed') return true;
    const key = JSON.stringify([c.params, c.query, c.headers, c.body], (_, v) =>
      v === undefined ? '<none>' : v,
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
