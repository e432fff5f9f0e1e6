import { describe, expect, it } from 'vitest';
import { createSandboxProvider } from './payment-provider.ts';

describe('sandbox provider', () => {
  it.each([
    ['succeed', { status: 'succeeded', providerRef: 'sandbox-pay-7' }],
    [null, { status: 'succeeded', providerRef: 'sandbox-pay-7' }],
    ['fail', { status: 'failed', reason: 'sandbox: card declined' }],
    ['timeout', { status: 'pending' }],
  ] as const)('answers %s as asked', async (sandboxOutcome, answer) => {
    const provider = createSandboxProvider();
    expect(await provider.charge({ paymentId: 7, amountFen: 100, sandboxOutcome })).toEqual(answer);
  });

  it('takes the payment id as the idempotency key: a charge driven again answers the first, charges once', async () => {
    const provider = createSandboxProvider();
    const first = await provider.charge({ paymentId: 1, amountFen: 100, sandboxOutcome: 'succeed' });
    const again = await provider.charge({ paymentId: 1, amountFen: 100, sandboxOutcome: 'fail' });
    expect(again).toEqual(first);
    expect(provider.charges).toBe(1);
    await provider.charge({ paymentId: 2, amountFen: 100, sandboxOutcome: null });
    expect(provider.charges).toBe(2);
  });

  it('forgets the oldest answers beyond its memory', async () => {
    const provider = createSandboxProvider(2);
    for (const paymentId of [1, 2, 3])
      await provider.charge({ paymentId, amountFen: 1, sandboxOutcome: 'fail' });
    expect(await provider.charge({ paymentId: 1, amountFen: 1, sandboxOutcome: null })).toMatchObject({
      status: 'succeeded',
    });
    expect(await provider.charge({ paymentId: 3, amountFen: 1, sandboxOutcome: null })).toMatchObject({
      status: 'failed',
    });
  });
});
