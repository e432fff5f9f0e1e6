import type { Tx } from '../../../platform/db.ts';
import { notFound } from '../../../platform/errors.ts';
import type { Fen } from '../../../platform/money.ts';
import type { Settings } from '../../../platform/settings.ts';
import { accounts, postEntry } from '../../ledger/index.ts';
import type { CompensationKind } from '../aftersales.tables.ts';
import { chargeMerchant } from './merchant-charge.service.ts';
import { lockOrderForMoney } from './order-money.ts';

export interface CompensationInput {
  orderId: number;
  /** The after-sales request it settles, if any (a system request for shipment compensation). */
  requestId: number | null;
  kind: CompensationKind;
  amountFen: Fen;
  /** Who bears it: the merchant (charged; the guarantee fund covers what the merchant lacks) or the platform. */
  payer: 'merchant' | 'platform';
  /** The rule that decided it, its inputs and the configuration version, stored for audit (product rules §5). */
  rule: string;
  inputs: Record<string, unknown>;
  configVersion: number;
  now: Date;
}

/**
 * Pays a buyer compensation beyond a refund (late or fake shipment, a logistics stall, 假一赔十, return
 * freight), inside the caller's transaction; takes the shop's status lock, then the order row. Once per
 * order and kind: a replay returns the first and moves nothing.
 *
 * Money: the payer's share into compensation payable (merchant: `chargeMerchant`; platform: the
 * guarantee fund), then from compensation payable out to the buyer (payout provider).
 */
export async function payCompensation(
  tx: Tx,
  input: CompensationInput,
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<{ compensationId: number; replayed: boolean }> {
  const { orderId, kind, amountFen, now } = input;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError(`compensation must be a positive safe integer of fen, got ${amountFen}`);
  const order = await lockOrderForMoney(tx, orderId, now);
  if (!order) throw notFound('order', orderId);
  const earlier = await compensationOf(tx, orderId, kind);
  if (earlier) return { compensationId: earlier.id, replayed: true };

  const row = await tx
    .insertInto('compensations')
    .values({
      orderId,
      buyerId: order.buyerId,
      shopId: order.shopId,
      requestId: input.requestId,
      kind,
      amountFen,
      payer: input.payer,
      rule: input.rule,
      inputs: input.inputs,
      configVersion: input.configVersion,
      at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const cause = { type: 'compensation', id: row.id };
  const words = `${kind} compensation for order ${orderId}`;
  if (input.payer === 'merchant') {
    await chargeMerchant(
      tx,
      {
        shopId: order.shopId,
        orderId,
        amountFen,
        kind: 'compensation',
        cause,
        to: accounts.compensationPayable,
        reason: words,
        coverShortfall: true,
        now,
      },
      settings,
    );
  } else {
    await postEntry(tx, {
      idempotencyKey: `compensation:${row.id}:fund`,
      kind: 'compensation_funding',
      cause,
      memo: `${words}, borne by the platform`,
      at: now,
      postings: [
        { account: accounts.guaranteeFund, amountFen: -amountFen },
        { account: accounts.compensationPayable, amountFen },
      ],
    });
  }
  await postEntry(tx, {
    idempotencyKey: `compensation:${row.id}:payout`,
    kind: 'compensation_payout',
    cause,
    memo: `${words}, paid to buyer ${order.buyerId}`,
    at: now,
    postings: [
      { account: accounts.compensationPayable, amountFen: -amountFen },
      { account: accounts.payoutProvider, amountFen },
    ],
  });
  return { compensationId: row.id, replayed: false };
}

/** The order's compensation of `kind`, if one was paid. */
export function compensationOf(tx: Tx, orderId: number, kind: CompensationKind) {
  return tx
    .selectFrom('compensations')
    .select(['id', 'requestId', 'amountFen'])
    .where('orderId', '=', orderId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}
