import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import type { Settings } from '../../../platform/settings.ts';
import { type AccountRef, accounts, balances, postEntry } from '../../ledger/index.ts';
import { deductDeposit } from '../../settlement/index.ts';
import type { ChargeKind } from '../aftersales.tables.ts';

export interface MerchantChargeInput {
  shopId: number;
  orderId: number | null;
  amountFen: Fen;
  kind: ChargeKind;
  /** The record that asks for it; one charge per cause, so asking twice charges once. */
  cause: { type: string; id: number };
  /** Where the money goes: escrow (a refund), compensation payable (a buyer), the guarantee fund (a premium). */
  to: AccountRef;
  reason: string;
  /** What the merchant cannot pay: the guarantee fund pays it to `to` (true), or it is waived (false). */
  coverShortfall: boolean;
  /** Which balance pays first; default the available balance, then the deposit. */
  order?: 'available_first' | 'deposit_first';
  now: Date;
}

export interface MerchantChargeResult {
  chargeId: number;
  fromAvailableFen: Fen;
  fromDepositFen: Fen;
  /** Neither balance held it: covered by the guarantee fund, or waived. */
  uncollectedFen: Fen;
  /** True when this cause had been charged before and nothing moved now. */
  replayed: boolean;
}

/**
 * Charges a merchant (a refund clawback, compensation, a premium), inside the caller's transaction,
 * which must hold the shop's status lock (`lockShopStatus`, taken before any order row): the split
 * below is planned from balances that nothing else may move meanwhile.
 *
 * product rules §3 and §5: the available balance pays first (or the deposit first, with `order`), then the
 * other; a deposit left short starts the 7-day top-up rule (`deductDeposit`). What neither holds is
 * paid to `to` by the platform guarantee fund, or waived when `coverShortfall` is false. One charge per
 * cause (merchant_charges is unique on it): a replay returns the first charge and moves nothing.
 */
export async function chargeMerchant(
  tx: Tx,
  input: MerchantChargeInput,
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<MerchantChargeResult> {
  const { shopId, amountFen, to, now } = input;
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    throw new RangeError(`a charge must be a positive safe integer of fen, got ${amountFen}`);
  if (input.coverShortfall && to.code === accounts.guaranteeFund.code)
    throw new RangeError('the guarantee fund cannot cover a charge paid to itself');

  const earlier = await chargeOfCause(tx, input.cause);
  if (earlier) return { ...earlier, replayed: true };

  const available = accounts.merchantAvailable(shopId);
  const deposit = accounts.merchantDeposit(shopId);
  const held = await balances(tx, [available, deposit]);
  const split = splitCharge(
    amountFen,
    held.get(available.code)!,
    held.get(deposit.code)!,
    input.order ?? 'available_first',
  );
  const row = await tx
    .insertInto('merchantCharges')
    .values({
      shopId,
      orderId: input.orderId,
      kind: input.kind,
      amountFen,
      fromAvailableFen: split.fromAvailableFen,
      fromDepositFen: split.fromDepositFen,
      uncollectedFen: split.uncollectedFen,
      causeType: input.cause.type,
      causeId: input.cause.id,
      at: now,
    })
    .onConflict((oc) => oc.columns(['causeType', 'causeId']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) return { ...(await chargeOfCause(tx, input.cause))!, replayed: true };

  const cause = { type: 'merchant_charge', id: row.id };
  const memo = input.reason.slice(0, 500);
  if (split.fromAvailableFen > 0) {
    await postEntry(tx, {
      idempotencyKey: `merchant_charge:${row.id}:available`,
      kind: 'merchant_charge',
      cause,
      memo,
      at: now,
      postings: [
        { account: available, amountFen: -split.fromAvailableFen },
        { account: to, amountFen: split.fromAvailableFen },
      ],
    });
  }
  if (split.fromDepositFen > 0) {
    const deducted = await deductDeposit(
      tx,
      { shopId, amountFen: split.fromDepositFen, cause, reason: input.reason, to, now },
      settings,
    );
    // Planned from the same balance under the same lock: anything else is a broken lock order.
    if (deducted.deductedFen !== split.fromDepositFen)
      throw new Error(`deposit of shop ${shopId} moved under its status lock (charge ${row.id})`);
  }
  if (split.uncollectedFen > 0 && input.coverShortfall) {
    await postEntry(tx, {
      idempotencyKey: `merchant_charge:${row.id}:guarantee`,
      kind: 'guarantee_cover',
      cause,
      memo: `platform covers what shop ${shopId} could not pay: ${memo}`.slice(0, 500),
      at: now,
      postings: [
        { account: accounts.guaranteeFund, amountFen: -split.uncollectedFen },
        { account: to, amountFen: split.uncollectedFen },
      ],
    });
  }
  return { chargeId: row.id, ...split, replayed: false };
}

/** How a charge splits over the two balances, in the given order; the rest is uncollected. */
function splitCharge(
  amountFen: Fen,
  availableFen: Fen,
  depositFen: Fen,
  order: 'available_first' | 'deposit_first',
): Omit<MerchantChargeResult, 'chargeId' | 'replayed'> {
  const firstHeld = order === 'available_first' ? availableFen : depositFen;
  const secondHeld = order === 'available_first' ? depositFen : availableFen;
  const first = Math.min(amountFen, Math.max(0, firstHeld));
  const second = Math.min(amountFen - first, Math.max(0, secondHeld));
  return {
    fromAvailableFen: order === 'available_first' ? first : second,
    fromDepositFen: order === 'available_first' ? second : first,
    uncollectedFen: amountFen - first - second,
  };
}

async function chargeOfCause(tx: Tx, cause: { type: string; id: number }) {
  const row = await tx
    .selectFrom('merchantCharges')
    .select(['id', 'fromAvailableFen', 'fromDepositFen', 'uncollectedFen'])
    .where('causeType', '=', cause.type)
    .where('causeId', '=', cause.id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { id, ...split } = row;
  return { chargeId: id, ...split };
}
