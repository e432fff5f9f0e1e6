import type { Tx } from '../../../platform/db.ts';
import type { Fen } from '../../../platform/money.ts';
import type { Settings } from '../../../platform/settings.ts';
import { type AftersalesPolicy, currentPolicy } from '../../configuration/index.ts';
import { payingPayment } from '../../payments/index.ts';
import { duration, type Explanation, yuan } from '../decision.ts';
import { percent } from '../protection/ratio.ts';
import { compensationOf, payCompensation } from './compensation.service.ts';
import { compensationAmount } from './compensation-amount.rule.ts';
import { lockOrderForMoney, refundedOfOrder } from './order-money.ts';

export type ShipmentCompensationKind = 'late_shipment' | 'fake_shipment' | 'logistics_stall';

const TERMS = {
  late_shipment: 'lateShipment',
  fake_shipment: 'fakeShipment',
  logistics_stall: 'logisticsStall',
} as const satisfies Record<ShipmentCompensationKind, keyof AftersalesPolicy>;

export interface ShipmentCompensation {
  compensationId: number;
  requestId: number | null;
  amountFen: Fen;
  replayed: boolean;
}

/**
 * Pays the buyer automatically for a broken shipment promise (product rules §5: 晚发立赔, fake shipment,
 * a logistics stall the platform steps in for), charged to the merchant, and records it as a system
 * after-sales request, resolved at once, whose timeline says why in plain words. The paid amount is what
 * the buyer paid less what was already refunded; nothing is paid for an order refunded in full. Once
 * per order and kind. Takes the shop's status lock, then the order row.
 */
export async function compensateShipment(
  tx: Tx,
  input: { orderId: number; kind: ShipmentCompensationKind; now: Date },
  settings: Pick<Settings, 'depositTopUpMs'>,
): Promise<ShipmentCompensation | null> {
  const { orderId, kind, now } = input;
  const order = await lockOrderForMoney(tx, orderId, now);
  if (!order) return null;
  const earlier = await compensationOf(tx, orderId, kind);
  if (earlier)
    return {
      compensationId: earlier.id,
      requestId: earlier.requestId,
      amountFen: earlier.amountFen,
      replayed: true,
    };

  const paidFen = order.totalFen - (await refundedOfOrder(tx, orderId, await payingPayment(tx, orderId)));
  if (paidFen <= 0) return null;
  const { version, policy } = await currentPolicy(tx);
  const terms = policy[TERMS[kind]];
  const amountFen = compensationAmount(paidFen, terms);
  const inputs = { paidFen, ...terms, amountFen };
  const explanation = explain(kind, paidFen, amountFen, terms, policy);

  const request = await tx
    .insertInto('aftersalesRequests')
    .values({
      orderId,
      orderLineId: null,
      buyerId: order.buyerId,
      shopId: order.shopId,
      type: 'late_shipment_compensation',
      reason: 'other',
      description: null,
      guaranteeCode: null,
      quantity: 1,
      requestedFen: amountFen,
      approvedFen: amountFen,
      state: 'resolved',
      deadlineAt: null,
      deadlineAction: null,
      autoRule: kind,
      configVersion: version,
      createdAt: now,
      updatedAt: now,
      closedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('aftersalesEvents')
    .values({
      requestId: request.id,
      fromState: null,
      toState: 'resolved',
      actorKind: 'system',
      actorId: null,
      rule: kind,
      inputs: JSON.stringify(inputs),
      configVersion: version,
      explanationZh: explanation.zh,
      explanationEn: explanation.en,
      at: now,
    })
    .execute();
  const paid = await payCompensation(
    tx,
    {
      orderId,
      requestId: request.id,
      kind,
      amountFen,
      payer: 'merchant',
      rule: kind,
      inputs,
      configVersion: version,
      now,
    },
    settings,
  );
  return { compensationId: paid.compensationId, requestId: request.id, amountFen, replayed: false };
}

function explain(
  kind: ShipmentCompensationKind,
  paidFen: Fen,
  amountFen: Fen,
  terms: { rateBp: number; minFen: Fen; maxFen: Fen },
  policy: AftersalesPolicy,
): Explanation {
  const how = {
    zh: `按实付${yuan(paidFen)}的${percent(terms.rateBp)}计算，最低${yuan(terms.minFen)}、最高${yuan(terms.maxFen)}，由商家承担`,
    en: `${percent(terms.rateBp)} of the ${yuan(paidFen)} paid, at least ${yuan(terms.minFen)} and at most ${yuan(terms.maxFen)}, charged to the merchant`,
  };
  switch (kind) {
    case 'late_shipment':
      return {
        zh: `快递未在承诺发货时间前揽收，平台自动赔付您${yuan(amountFen)}（${how.zh}）。`,
        en: `No carrier had picked up the parcel by the promised shipping time, so you were paid ${yuan(amountFen)} automatically (${how.en}).`,
      };
    case 'fake_shipment': {
      const window = duration(policy.fakeShipmentNoMovementMs);
      return {
        zh: `商家发货后${window.zh}内物流没有任何揽收记录，视为虚假发货，平台自动赔付您${yuan(amountFen)}（${how.zh}）。`,
        en: `The tracking never moved within ${window.en} of shipping, which counts as a fake shipment, so you were paid ${yuan(amountFen)} automatically (${how.en}).`,
      };
    }
    case 'logistics_stall': {
      const window = duration(policy.logisticsStallMs);
      return {
        zh: `物流信息已${window.zh}没有更新，平台主动赔付您${yuan(amountFen)}（${how.zh}）。`,
        en: `The tracking had not been updated for ${window.en}, so the platform stepped in and paid you ${yuan(amountFen)} (${how.en}).`,
      };
    }
  }
}
