import { describe, expect, it } from 'vitest';
import { CHECKPOINTS } from '../risk/index.ts';
import { CASE_QUEUE, checkpointsOf, dueAt, QUEUES, triageOrder } from './queues.ts';

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

describe('ops queues', () => {
  it('every checkpoint has a queue, and each case queue names its checkpoints', () => {
    for (const checkpoint of CHECKPOINTS) expect(QUEUES).toContain(CASE_QUEUE[checkpoint]);
    expect(checkpointsOf('listings')).toEqual(['product_listing']);
    expect(checkpointsOf('content').sort()).toEqual([
      'chat_message',
      'live_comment',
      'live_title',
      'review',
      'video_caption',
    ]);
    expect(checkpointsOf('ip_complaints')).toEqual([]);
  });

  it('an item is due its SLA after it opened', () => {
    expect(dueAt(at(0), 30)).toEqual(at(30));
  });

  it.each([
    ['overdue first, the most overdue on top', [at(50), at(0), at(40)], 60, [at(0), at(40), at(50)]],
    ['items within their SLA by waiting time', [at(55), at(50)], 30, [at(50), at(55)]],
  ])('%s', (_what, opened, sla, expected) => {
    const items = opened.map((openedAt) => ({ openedAt, dueAt: dueAt(openedAt, sla) }));
    expect(triageOrder(items, at(100)).map((i) => i.openedAt)).toEqual(expected);
  });
});
