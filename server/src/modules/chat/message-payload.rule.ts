import { invalidField } from '../../platform/errors.ts';

export type SentKind = 'text' | 'image' | 'product' | 'order';

export interface SentBody {
  kind: SentKind;
  text?: string;
  fileId?: number;
  productId?: number;
  orderId?: number;
}

export interface MessagePayload {
  text: string | null;
  fileId: number | null;
  productId: number | null;
  orderId: number | null;
}

/** The one field each kind of message carries (product rules §8.1). */
const FIELD = { text: 'text', image: 'fileId', product: 'productId', order: 'orderId' } as const;

/**
 * What a buyer's or an agent's message carries: its kind's one field, required; any other field is
 * refused, naming it; a text is trimmed and must not be blank. Throws 400 `validation_failed`.
 */
export function messagePayload(body: SentBody): MessagePayload {
  const field = FIELD[body.kind];
  const a = /^[aeiou]/.test(body.kind) ? 'an' : 'a';
  for (const other of Object.values(FIELD)) {
    if (other !== field && body[other] !== undefined) {
      throw invalidField(other, `not part of ${a} ${body.kind} message`);
    }
  }
  if (body[field] === undefined) throw invalidField(field, `required for ${a} ${body.kind} message`);
  const text = body.kind === 'text' ? body.text!.trim() : null;
  if (text === '') throw invalidField('text', 'must not be blank');
  return {
    text,
    fileId: body.fileId ?? null,
    productId: body.productId ?? null,
    orderId: body.orderId ?? null,
  };
}
