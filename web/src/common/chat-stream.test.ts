import { describe, expect, it } from 'vitest';
import { mergeMessages } from '../buyer/chat/chat-types.ts';
import { parseBlock } from './chat-stream.ts';

describe('parseBlock', () => {
  it.each([
    ['a snapshot', 'event: snapshot\ndata: {"unread":3}', { event: 'snapshot', data: { unread: 3 } }],
    [
      'a read receipt',
      'event: read\ndata: {"conversationId":4,"side":"shop","readId":12}',
      { event: 'read', data: { conversationId: 4, side: 'shop', readId: 12 } },
    ],
    ['a heartbeat comment', ': heartbeat', undefined],
    ['the retry line', 'retry: 3000', undefined],
    ['broken JSON', 'event: message\ndata: {"conv', undefined],
  ])('reads %s', (_, block, expected) => {
    expect(parseBlock(block)).toEqual(expected);
  });
});

describe('mergeMessages', () => {
  const m = (id: number, text = `m${id}`) =>
    ({ id, text }) as unknown as Parameters<typeof mergeMessages>[0][number];
  it('keeps id order and each message once, the newer copy winning', () => {
    const merged = mergeMessages([m(1), m(3)], [m(2), m(3, 'again'), m(5)]);
    expect(merged.map((x) => [x.id, x.text])).toEqual([
      [1, 'm1'],
      [2, 'm2'],
      [3, 'again'],
      [5, 'm5'],
    ]);
  });
});
