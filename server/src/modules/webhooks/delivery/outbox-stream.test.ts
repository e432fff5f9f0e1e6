import { describe, expect, it } from 'vitest';
import { outboxIdOf, outboxStreamName, outboxSubject } from './outbox-stream.ts';

describe('outboxSubject', () => {
  it.each([
    ['xinren', 'order.paid', 'xinren.outbox.order.paid'],
    ['xinren', 'webhook.test', 'xinren.outbox.webhook.test'],
    ['xinrentest_1', 'deposit.changed', 'xinrentest_1.outbox.deposit.changed'],
  ])('%s + %s → %s', (prefix, type, subject) => {
    expect(outboxSubject(prefix, type)).toBe(subject);
  });
});

describe('outboxIdOf: the outbox row of a stream message, or undefined when it is not one of ours', () => {
  it.each([
    ['{"outboxId":42,"id":"evt_1"}', 42],
    ['{"outboxId":9007199254740991}', 9007199254740991],
    ['{"outboxId":0}', undefined],
    ['{"outboxId":-3}', undefined],
    ['{"outboxId":1.5}', undefined],
    ['{"outboxId":"42"}', undefined],
    ['{"id":"evt_1"}', undefined],
    ['null', undefined],
    ['not json', undefined],
    ['', undefined],
  ])('%s → %s', (body, id) => {
    expect(outboxIdOf(body)).toBe(id);
  });
});

describe('outboxStreamName: one stream per subject prefix (NATS_SUBJECT_PREFIX)', () => {
  it.each([
    ['xinren', 'XINREN_OUTBOX'],
    ['staging-2', 'STAGING-2_OUTBOX'],
    ['a.b', 'A_B_OUTBOX'],
    ['x*>', 'X___OUTBOX'],
  ])('%s → %s', (prefix, name) => {
    expect(outboxStreamName(prefix)).toBe(name);
  });
});
