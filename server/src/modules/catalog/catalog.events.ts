import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const product = { resource: 'product', shopScoped: true, version: 1 } as const;
const schema = Type.Object(
  {
    productId: Id,
    categoryId: Id,
    title: Type.String(),
    previousState: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    at: Timestamp,
  },
  { additionalProperties: false },
);

/** The listing's events (migration 0111): a trigger on `products`' state. */
export const catalogEvents: EventDefinition[] = [
  {
    ...product,
    type: 'product.listed',
    summary: 'A product was listed',
    description:
      'Written when a product becomes listed (review approved it, or it was relisted) and buyers can order it.',
    schema,
  },
  {
    ...product,
    type: 'product.rejected',
    summary: 'A product was rejected in review',
    description: 'Written when the listing review rejects a submitted product; reason says why.',
    schema,
  },
  {
    ...product,
    type: 'product.blocked',
    summary: 'A product was blocked',
    description:
      'Written when the platform blocks a listed product for good (a violation, an IP takedown, a report upheld); reason says why.',
    schema,
  },
];
