import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { messagePayload, type SentBody } from './message-payload.rule.ts';

const none = { text: null, fileId: null, productId: null, orderId: null };

describe('messagePayload', () => {
  it.each<[string, SentBody, ReturnType<typeof messagePayload>]>([
    ['a text, trimmed', { kind: 'text', text: '  有货吗？ ' }, { ...none, text: '有货吗？' }],
    ['an image', { kind: 'image', fileId: 7 }, { ...none, fileId: 7 }],
    ['a product card', { kind: 'product', productId: 3 }, { ...none, productId: 3 }],
    ['an order card', { kind: 'order', orderId: 9 }, { ...none, orderId: 9 }],
  ])('takes %s', (_, body, expected) => {
    expect(messagePayload(body)).toEqual(expected);
  });

  it.each<[string, SentBody, string, string]>([
    ['a text without text', { kind: 'text' }, 'text', 'required for a text message'],
    ['a blank text', { kind: 'text', text: ' \n ' }, 'text', 'must not be blank'],
    ['an image without a file', { kind: 'image' }, 'fileId', 'required for an image message'],
    [
      'a text with a product',
      { kind: 'text', text: '看看', productId: 1 },
      'productId',
      'not part of a text message',
    ],
    ['an image with text', { kind: 'image', fileId: 1, text: '图' }, 'text', 'not part of an image message'],
    [
      'an order card with a file',
      { kind: 'order', orderId: 1, fileId: 2 },
      'fileId',
      'not part of an order message',
    ],
  ])('refuses %s, naming the field', (_, body, field, reason) => {
    try {
      messagePayload(body);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details).toEqual({ fields: [{ field, reason }] });
    }
  });
});
