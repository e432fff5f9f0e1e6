import { type TSchema, Type } from '@sinclair/typebox';

/** Shared request/response schema pieces. They are also the OpenAPI document. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id });
export const Fen = Type.Integer({
  minimum: 0,
  maximum: 100_000_000_00,
  description: 'integer fen (1/100 CNY)',
});
export const BasisPoints = Type.Integer({
  minimum: 0,
  maximum: 10_000,
  description: 'basis points: 100 = 1%',
});
/** A Date in code, an ISO 8601 string on the wire. */
export const Timestamp = Type.Unsafe<Date>({ type: 'string', format: 'date-time' });
export const NonEmpty = (maxLength: number, extra: object = {}) =>
  Type.String({ minLength: 1, maxLength, pattern: '\\S', ...extra });

export const Pagination = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
});

/** The page a list query asks for, with the defaults of `Pagination` (nothing else of the query). */
export const pageOf = ({ limit = 20, offset = 0 }: { limit?: number; offset?: number }) => ({
  limit,
  offset,
});

/** A list query with its page filled in (the defaults of `Pagination`). */
export const withPage = <Q extends { limit?: number; offset?: number }>({
  limit = 20,
  offset = 0,
  ...rest
}: Q) => ({ ...rest, limit, offset });

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });

export const Ok = Type.Object({ ok: Type.Literal(true) });

/** The Idempotency-Key header of every write that must happen once. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    minLength: 8,
    maxLength: 100,
    pattern: '^[A-Za-z0-9._:-]+$',
    description: 'unique per intended operation; a replay returns the first answer',
  }),
});
