import type { Executor } from '../../../platform/db.ts';
import { shopAddress } from '../../addresses/index.ts';
import { productChatFacts } from '../../catalog/index.ts';
import { readCurrentConfig } from '../../configuration/index.ts';
import { shipmentOfOrder } from '../../fulfilment/index.ts';
import { buyerOrderWithShop } from '../../orders/index.ts';
import type { ContextType, ServiceHours } from '../chat.tables.ts';
import type { BotFacts } from './answer.rule.ts';
import type { Intent } from './intents.ts';

const NEEDS_ORDER: ReadonlySet<Intent> = new Set(['ship_time', 'carrier', 'tracking']);

/**
 * The facts the bot answers an intent from, read through their owners' index.ts: the order in
 * context (or the buyer's latest paid order with the shop) and its shipment; the product in context
 * (or the order's, or the last product card in the conversation); the ship-by promise of the
 * platform's configuration; the shop's return address.
 */
export async function botFacts(
  db: Executor,
  input: {
    intent: Intent;
    conversation: {
      id: number;
      shopId: number;
      buyerId: number;
      contextType: ContextType | null;
      contextId: number | null;
    };
    serviceHours: ServiceHours;
  },
): Promise<BotFacts> {
  const { conversation: c, intent } = input;
  const { config } = await readCurrentConfig(db);
  const order =
    NEEDS_ORDER.has(intent) || intent === 'returns' || c.contextType === 'order'
      ? await buyerOrderWithShop(db, {
          buyerId: c.buyerId,
          shopId: c.shopId,
          orderId: c.contextType === 'order' ? c.contextId : null,
        })
      : undefined;
  const shipment = order ? await shipmentOfOrder(db, order.id) : null;
  const productId =
    c.contextType === 'product' ? c.contextId : (order?.productId ?? (await lastProductCard(db, c.id)));
  const product = productId ? await productChatFacts(db, productId) : undefined;
  const address = intent === 'returns' ? await shopAddress(db, c.shopId, 'return') : undefined;
  return {
    shipByMs: config.marketplace.shipByMs,
    product:
      product && product.shopId === c.shopId
        ? {
            title: product.title,
            presaleShipDays: product.presaleShipDays,
            guarantees: product.guarantees.map((g) => ({ code: g.code, zh: g.zh })),
          }
        : null,
    order: order
      ? {
          id: order.id,
          state: order.state,
          shipByAt: order.shipByAt,
          shipment: shipment
            ? {
                carrier: shipment.carrier,
                trackingNumber: shipment.trackingNumber,
                status: shipment.status,
                lastEventAt: shipment.lastEventAt,
              }
            : null,
        }
      : null,
    returnAddress: address
      ? { recipient: address.recipient, regionName: address.regionName, detail: address.detail }
      : null,
    serviceHours: `${input.serviceHours.from}–${input.serviceHours.to}`,
  };
}

async function lastProductCard(db: Executor, conversationId: number): Promise<number | null> {
  const row = await db
    .selectFrom('chatMessages')
    .select('productId')
    .where('conversationId', '=', conversationId)
    .where('kind', '=', 'product')
    .where('visibility', '=', 'visible')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.productId ?? null;
}
