import type { Db } from '../src/platform/db.ts';
import type { Ledger, SimText } from './market.ts';

/**
 * The measurement at the end of a run: what the platform did (read from its database: decisions,
 * labels, listing states, content states, refunds, violations) against the agents' ground truth.
 */

export interface Score {
  threat: string;
  /** What one item is (a buyer, a listing, a comment …). */
  unit: string;
  /** What counts as the platform acting on it. */
  detected: string;
  positives: number;
  negatives: number;
  truePositives: number;
  falsePositives: number;
  precision: number | null;
  recall: number | null;
}

export interface Figures {
  threats: Score[];
  honestRefunds: {
    requests: number;
    automatic: number;
    automaticShare: number | null;
    byType: Record<string, { requests: number; automatic: number }>;
    refunded: number;
    medianHoursToRefund: number | null;
    p90HoursToRefund: number | null;
  };
  abuseLosses: {
    /** Refunds paid to abusive requests where the goods stayed with the buyer (仅退款), ¥. */
    goodsKeptYuan: number;
    /** Refunds paid on abusive returns (goods came back), ¥ — not a loss of goods, a cost of handling. */
    returnedYuan: number;
    /** Return-shipping compensation paid on abusive returns, ¥, by payer. */
    returnFreightYuan: { merchant: number; platform: number };
    abusiveRequests: number;
    abusiveRefunded: number;
  };
  goodMerchants: {
    shops: number;
    violations: number;
    penalties: Record<string, number>;
    points: number;
    /** Compensation the good shops paid (late shipment and the like): not a penalty, shown for context. */
    compensationYuan: number;
  };
  decisions: Record<string, Record<string, number>>;
  /** Texts the platform got wrong, a few per kind: honest ones it acted on, threats it let through. */
  examples: { kind: string; truth: string; text: string; outcome: string }[];
  casesOpen: number;
  orders: number;
  requests: number;
  texts: number;
  listings: number;
}

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

export function score(
  threat: string,
  unit: string,
  detected: string,
  items: { positive: boolean; flagged: boolean }[],
): Score {
  const positives = items.filter((i) => i.positive).length;
  const truePositives = items.filter((i) => i.positive && i.flagged).length;
  const falsePositives = items.filter((i) => !i.positive && i.flagged).length;
  return {
    threat,
    unit,
    detected,
    positives,
    negatives: items.length - positives,
    truePositives,
    falsePositives,
    precision: ratio(truePositives, truePositives + falsePositives),
    recall: ratio(truePositives, positives),
  };
}

export function quantile(values: number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return Math.round(sorted[idx]! * 10) / 10;
}

export async function measure(db: Db, ledger: Ledger): Promise<Figures> {
  const buyerIds = ledger.buyers.map((b) => b.id);

  // ---- buyers the platform acted on ----
  const flaggedBuyers = new Set<number>();
  const decisions = await db
    .selectFrom('trustDecisions')
    .select(['subjectId', 'checkpoint', 'outcome', 'at'])
    .where('subjectType', '=', 'user')
    .where('subjectId', 'in', buyerIds)
    .where('shadow', '=', false)
    .where('checkpoint', 'in', ['order_placement', 'aftersales_request'])
    .where('outcome', '<>', 'allow')
    .execute();
  for (const d of decisions) flaggedBuyers.add(d.subjectId);
  for (const l of await db
    .selectFrom('buyerLabels')
    .select('buyerId')
    .where('buyerId', 'in', buyerIds)
    .execute())
    flaggedBuyers.add(l.buyerId);
  for (const l of await db
    .selectFrom('trustLabels')
    .select('subjectId')
    .where('subjectType', '=', 'user')
    .where('subjectId', 'in', buyerIds)
    .execute())
    flaggedBuyers.add(l.subjectId);

  const buyerThreat = (role: 'refund_abuser' | 'fraud_ring', name: string) =>
    score(
      name,
      'buyer account',
      'a risk decision other than allow at checkout or after-sales (order held or blocked, request taken out of automation), or a risk label (high-refund, fraud)',
      ledger.buyers
        .filter((b) => b.role === role || b.role === 'honest')
        .map((b) => ({ positive: b.role === role, flagged: flaggedBuyers.has(b.id) })),
    );

  // ---- freight abuse: the returns ----
  const freightProducts = new Set(
    (await db.selectFrom('freightAbuseProducts').select('productId').execute()).map((p) => p.productId),
  );
  const subjective = new Set(['no_reason', 'dont_like', 'ordered_wrong']);
  const freight = score(
    'freight abuse (薅运费)',
    'no-quality-issue return',
    'the return is on a product the platform flagged for freight abuse (its returns leave the merchant’s metrics), or its buyer is flagged as above',
    ledger.requests
      .filter(
        (q) =>
          q.type === 'return_refund' &&
          subjective.has(q.reason) &&
          (q.buyerRole === 'freight_abuser' || q.buyerRole === 'honest'),
      )
      .map((q) => ({
        positive: q.buyerRole === 'freight_abuser',
        flagged: freightProducts.has(q.productId) || flaggedBuyers.has(q.buyerId),
      })),
  );

  // ---- texts: the decision on each ----
  const outcomes = await textOutcomes(db, ledger.texts);
  const textScore = (
    name: string,
    unit: string,
    kinds: SimText['kind'][],
    truth: SimText['truth'],
    honestAuthors?: (t: SimText) => boolean,
  ) =>
    score(
      name,
      unit,
      'held for review or blocked (hidden, refused, or a review case opened)',
      ledger.texts
        .map((t, i) => ({ t, outcome: outcomes[i] }))
        .filter(
          ({ t }) =>
            kinds.includes(t.kind) &&
            (t.truth === truth || (t.truth === 'honest' && (honestAuthors?.(t) ?? true))),
        )
        .map(({ t, outcome }) => ({
          positive: t.truth === truth,
          flagged: outcome === 'review' || outcome === 'block',
        })),
    );

  // ---- listings ----
  const listingState = new Map<number, string>();
  const productIds = ledger.listings.flatMap((l) => (l.productId ? [l.productId] : []));
  if (productIds.length > 0)
    for (const p of await db
      .selectFrom('products')
      .select(['id', 'state'])
      .where('id', 'in', productIds)
      .execute())
      listingState.set(p.id, p.state);
  const held = (l: Ledger['listings'][number]) =>
    l.state === 'refused' || ['in_review', 'rejected'].includes(l.productId ? l.state : 'refused');
  const regulatedShops = new Set(
    ledger.merchants.filter((m) => m.role === 'unlicensed').map((m) => m.shopId),
  );
  const counterfeit = score(
    'counterfeit listings',
    'listing submitted',
    'refused at submit, rejected, or held for ops review by the listing checkpoint',
    ledger.listings
      .filter((l) => l.truth !== 'unlicensed')
      .map((l) => ({ positive: l.truth === 'counterfeit', flagged: held(l) })),
  );
  const foodLike = ledger.listings.filter(
    (l) =>
      l.truth === 'unlicensed' ||
      (l.truth === 'ok' &&
        (regulatedShops.has(l.shopId) ||
          /大米|红枣|坚果|牛轧糖|芝麻|脐橙|面霜|洁面|面膜|防晒/.test(l.title))),
  );
  const unlicensed = score(
    'regulated goods without a licence',
    'regulated listing submitted',
    'refused at submit, rejected, or held for ops review by the listing checkpoint',
    foodLike.map((l) => ({ positive: l.truth === 'unlicensed', flagged: held(l) })),
  );

  // ---- slow shippers ----
  const merchantShops = ledger.merchants.map((m) => m.shopId);
  const lateShops = new Set(
    (
      await db
        .selectFrom('aftersalesRequests')
        .select('shopId')
        .where('type', '=', 'late_shipment_compensation')
        .where('shopId', 'in', merchantShops)
        .execute()
    ).map((r) => r.shopId),
  );
  const violations = await db
    .selectFrom('governanceViolations')
    .select(['shopId', 'code', 'points'])
    .where('shopId', 'in', merchantShops)
    .execute();
  const violatedShops = new Set(violations.map((v) => v.shopId));
  const slow = score(
    'slow shippers',
    'shop',
    'late-shipment compensation charged on its orders, or a governance violation',
    ledger.merchants
      .filter((m) => m.role === 'slow_shipper' || m.role === 'good')
      .map((m) => ({
        positive: m.role === 'slow_shipper',
        flagged: lateShops.has(m.shopId) || violatedShops.has(m.shopId),
      })),
  );

  // ---- abusive requests, as they were made ----
  const requestIds = ledger.requests.map((q) => q.id);
  const openedAt = new Map<number, number>();
  for (let i = 0; i < requestIds.length; i += 5_000)
    for (const row of await db
      .selectFrom('aftersalesRequests')
      .select(['id', 'createdAt'])
      .where('id', 'in', requestIds.slice(i, i + 5_000))
      .execute())
      openedAt.set(row.id, row.createdAt.getTime());
  // The after-sales checkpoint decides within the request's transaction, at its opening time.
  const heldAt = new Set(
    decisions
      .filter((d) => d.checkpoint === 'aftersales_request')
      .map((d) => `${d.subjectId}:${d.at.getTime()}`),
  );
  const abusiveRoles = new Set(['refund_abuser', 'freight_abuser', 'fraud_ring']);
  const atTheTime = score(
    'abusive after-sales requests, when made',
    'after-sales request',
    'the after-sales checkpoint took that very request out of automation (review or block) when it was opened',
    ledger.requests
      .filter((q) => q.buyerRole === 'honest' || (q.abusive && abusiveRoles.has(q.buyerRole)))
      .map((q) => ({
        positive: q.buyerRole !== 'honest',
        flagged: heldAt.has(`${q.buyerId}:${openedAt.get(q.id)}`),
      })),
  );

  const threats: Score[] = [
    buyerThreat('refund_abuser', 'refund-only and return abuse (薅羊毛)'),
    freight,
    buyerThreat('fraud_ring', 'fraud rings (shared devices, addresses, phones)'),
    textScore('review extortion (不给钱就差评)', 'review', ['review'], 'extortion'),
    textScore(
      'evasive off-platform contact',
      'live comment or chat message by a buyer',
      ['live_comment', 'chat'],
      'evasive',
    ),
    textScore(
      'hype in live rooms and videos',
      'live title (set or changed on air) or video caption',
      ['live_title', 'video_caption'],
      'hype',
    ),
    counterfeit,
    unlicensed,
    slow,
    atTheTime,
  ];
  void listingState;

  // ---- honest refunds ----
  const honest = ledger.requests.filter((q) => q.buyerRole === 'honest');
  const byType: Record<string, { requests: number; automatic: number }> = {};
  let automatic = 0;
  for (const q of honest) {
    const auto = q.autoRule !== null && q.stateAtOpen !== 'pending_merchant';
    if (auto) automatic += 1;
    const type = `${q.type}${subjective.has(q.reason) || q.reason === 'not_shipped_yet' ? '' : ' (quality)'}`;
    byType[type] ??= { requests: 0, automatic: 0 };
    const t = byType[type]!;
    t.requests += 1;
    if (auto) t.automatic += 1;
  }
  const refundRows =
    ledger.requests.length === 0
      ? []
      : await db
          .selectFrom('refunds as f')
          .innerJoin('aftersalesRequests as q', 'q.id', 'f.causeId')
          .select([
            'q.id',
            'q.createdAt',
            'f.completedAt',
            'f.createdAt as refundAt',
            'f.amountFen',
            'f.state',
          ])
          .where('f.causeType', '=', 'aftersales_request')
          .where(
            'q.id',
            'in',
            ledger.requests.map((q) => q.id),
          )
          .execute();
  const firstRefund = new Map<number, number>();
  const refundedFen = new Map<number, number>();
  for (const f of refundRows) {
    const at = (f.completedAt ?? f.refundAt).getTime() - f.createdAt.getTime();
    firstRefund.set(f.id, Math.min(firstRefund.get(f.id) ?? Number.POSITIVE_INFINITY, at));
    if (f.state !== 'failed') refundedFen.set(f.id, (refundedFen.get(f.id) ?? 0) + f.amountFen);
  }
  const honestHours = honest.flatMap((q) =>
    firstRefund.has(q.id) ? [firstRefund.get(q.id)! / 3_600_000] : [],
  );

  // ---- losses to abuse ----
  const abusive = ledger.requests.filter((q) => q.abusive);
  let goodsKept = 0;
  let returned = 0;
  for (const q of abusive) {
    const fen = refundedFen.get(q.id) ?? 0;
    if (q.type === 'refund_only' || q.type === 'guarantee_claim') goodsKept += fen;
    else if (q.type === 'return_refund') returned += fen;
  }
  const freightComp =
    abusive.length === 0
      ? []
      : await db
          .selectFrom('compensations')
          .select(['payer', 'amountFen'])
          .where('kind', '=', 'return_freight')
          .where(
            'requestId',
            'in',
            abusive.map((q) => q.id),
          )
          .execute();

  // ---- good merchants ----
  const goodShops = ledger.merchants.filter((m) => m.role === 'good').map((m) => m.shopId);
  const penalties =
    goodShops.length === 0
      ? []
      : await db.selectFrom('governancePenalties').select('kind').where('shopId', 'in', goodShops).execute();
  const penaltyKinds: Record<string, number> = {};
  for (const p of penalties) penaltyKinds[p.kind] = (penaltyKinds[p.kind] ?? 0) + 1;
  const goodComp =
    goodShops.length === 0
      ? []
      : await db
          .selectFrom('compensations')
          .select('amountFen')
          .where('payer', '=', 'merchant')
          .where('shopId', 'in', goodShops)
          .execute();

  // ---- the engine's decisions overall ----
  const all = await db
    .selectFrom('trustDecisions')
    .select(['checkpoint', 'outcome', (eb) => eb.fn.countAll<number>().as('n')])
    .where('shadow', '=', false)
    .groupBy(['checkpoint', 'outcome'])
    .execute();
  const decisionTable: Record<string, Record<string, number>> = {};
  for (const d of all) {
    decisionTable[d.checkpoint] ??= {};
    decisionTable[d.checkpoint]![d.outcome] = Number(d.n);
  }
  const cases = await db
    .selectFrom('trustCases')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '<>', 'resolved')
    .executeTakeFirst();

  const examples: Figures['examples'] = [];
  const seen = new Set<string>();
  ledger.texts.forEach((t, i) => {
    const outcome = outcomes[i] ?? 'allow';
    const acted = outcome === 'review' || outcome === 'block';
    const wrong = t.truth === 'honest' ? acted : !acted;
    const key = `${t.kind}:${t.truth}:${t.text}`;
    if (!wrong || seen.has(key)) return;
    seen.add(key);
    examples.push({ kind: t.kind, truth: t.truth, text: t.text, outcome });
  });

  const yuan = (fen: number) => Math.round(fen) / 100;
  return {
    threats,
    honestRefunds: {
      requests: honest.length,
      automatic,
      automaticShare: ratio(automatic, honest.length),
      byType,
      refunded: honestHours.length,
      medianHoursToRefund: quantile(honestHours, 0.5),
      p90HoursToRefund: quantile(honestHours, 0.9),
    },
    abuseLosses: {
      goodsKeptYuan: yuan(goodsKept),
      returnedYuan: yuan(returned),
      returnFreightYuan: {
        merchant: yuan(
          freightComp.filter((c) => c.payer === 'merchant').reduce((s, c) => s + c.amountFen, 0),
        ),
        platform: yuan(
          freightComp.filter((c) => c.payer === 'platform').reduce((s, c) => s + c.amountFen, 0),
        ),
      },
      abusiveRequests: abusive.length,
      abusiveRefunded: abusive.filter((q) => (refundedFen.get(q.id) ?? 0) > 0).length,
    },
    goodMerchants: {
      shops: goodShops.length,
      violations: violations.filter((v) => goodShops.includes(v.shopId!)).length,
      penalties: penaltyKinds,
      points: violations.filter((v) => goodShops.includes(v.shopId!)).reduce((s, v) => s + v.points, 0),
      compensationYuan: yuan(goodComp.reduce((s, c) => s + c.amountFen, 0)),
    },
    decisions: decisionTable,
    examples,
    casesOpen: Number(cases?.n ?? 0),
    orders: ledger.orders,
    requests: ledger.requests.length,
    texts: ledger.texts.length,
    listings: ledger.listings.length,
  };
}

/** Each text's outcome: decided at the call, or the decision its row carries (none: allowed). */
async function textOutcomes(db: Db, texts: SimText[]): Promise<(SimText['outcome'] | null)[]> {
  const decisionOf = new Map<string, number | null>();
  const stateOf = new Map<string, string>();
  for (const table of ['liveComments', 'reviews', 'videos', 'chatMessages'] as const) {
    const ids = texts.filter((t) => t.table === table && t.rowId !== null).map((t) => t.rowId!);
    for (let i = 0; i < ids.length; i += 5_000) {
      const chunk = ids.slice(i, i + 5_000);
      if (table === 'chatMessages') {
        const rows = await db
          .selectFrom('chatMessages')
          .select(['id', 'decisionId', 'visibility'])
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) {
          decisionOf.set(`${table}:${row.id}`, row.decisionId);
          stateOf.set(`${table}:${row.id}`, row.visibility);
        }
      } else {
        const rows = await db
          .selectFrom(table)
          .select(['id', 'decisionId', 'state'])
          .where('id', 'in', chunk)
          .execute();
        for (const row of rows) {
          decisionOf.set(`${table}:${row.id}`, row.decisionId);
          stateOf.set(`${table}:${row.id}`, row.state);
        }
      }
    }
  }
  const decisionIds = [...new Set([...decisionOf.values()].filter((d): d is number => d !== null))];
  const outcomeOf = new Map<number, string>();
  for (let i = 0; i < decisionIds.length; i += 5_000) {
    const rows = await db
      .selectFrom('trustDecisions')
      .select(['id', 'outcome'])
      .where('id', 'in', decisionIds.slice(i, i + 5_000))
      .execute();
    for (const row of rows) outcomeOf.set(row.id, row.outcome);
  }
  return texts.map((t) => {
    if (t.outcome !== null && t.table === null) return t.outcome;
    if (t.table === null || t.rowId === null) return t.outcome;
    const key = `${t.table}:${t.rowId}`;
    const decision = decisionOf.get(key);
    const state = stateOf.get(key);
    if (decision !== null && decision !== undefined)
      return (outcomeOf.get(decision) as SimText['outcome']) ?? 'allow';
    return state === undefined || state === 'visible' ? 'allow' : 'review';
  });
}
