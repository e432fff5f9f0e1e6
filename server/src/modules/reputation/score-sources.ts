import type { Executor } from '../../platform/db.ts';
import { shopRequestFacts } from '../aftersales/index.ts';
import { shopChatFacts } from '../chat/index.ts';
import { reviewFactsByShop } from '../content/index.ts';
import { shopLogisticsFacts } from '../fulfilment/index.ts';
import { shopOrderFacts } from '../orders/index.ts';
import { noFacts, type ScoreFacts } from './metric-values.rule.ts';

/**
 * Every shop's facts for the window, from the modules that own them: one set-based query per source
 * for all shops (or those given), merged by shop. After-sales leaves out the requests of buyers
 * labelled high-refund and freight-abuse returns (its merchant-metric scope) and counts them apart.
 */
export async function scoreFacts(
  db: Executor,
  from: Date,
  to: Date,
  shopIds?: readonly number[],
): Promise<Map<number, ScoreFacts>> {
  const facts = new Map<number, ScoreFacts>();
  const of = (shopId: number) => {
    let f = facts.get(shopId);
    if (!f) {
      f = { ...noFacts };
      facts.set(shopId, f);
    }
    return f;
  };
  for (const o of await shopOrderFacts(db, from, to, shopIds)) {
    Object.assign(of(o.shopId), { completedOrders: o.completedOrders, buyers: o.buyers });
  }
  for (const l of await shopLogisticsFacts(db, from, to, shopIds)) {
    Object.assign(of(l.shopId), {
      shipped: l.shipped,
      pickedUpInTime: l.pickedUpInTime,
      medianDeliveryMs: l.medianDeliveryMs,
    });
  }
  for (const r of await shopRequestFacts(db, from, to, shopIds)) {
    const { shopId, ...requests } = r;
    Object.assign(of(shopId), requests);
  }
  for (const r of await reviewFactsByShop(db, from, to, shopIds)) {
    Object.assign(of(r.shopId), { reviews: r.reviews, negativeReviews: r.negative });
  }
  for (const c of await shopChatFacts(db, from, to, shopIds)) {
    Object.assign(of(c.shopId), {
      chatCounted: c.counted,
      chatAnsweredIn3m: c.answeredIn3m,
      chatAnswered: c.answered,
      chatFirstResponseMsSum: c.firstResponseMsSum,
      chatRated: c.rated,
      chatGood: c.good,
    });
  }
  return facts;
}
