export {
  lockOrderForAftersales,
  orderLineForAftersales,
  orderParties,
  orderStateOf,
} from './aftersales-facts.ts';
export { type BuyerOrderFacts, buyerOrderFacts } from './buyer-order-facts.ts';
export { buyerOrderWithShop, type ChatOrderFacts } from './chat-order-facts.ts';
export { CANCEL_UNPAID, CheckoutService } from './checkout.service.ts';
export { type CompletedOrder, ordersCompletedBetween } from './completed-orders.ts';
export { orderedWithinSql, paidOrdersOfSessions, unitsSoldSince } from './discovery-facts.ts';
export { liveSessionSales } from './live-sales.ts';
export { orderTransitions } from './order.machine.ts';
export { type OrderCardFacts, orderCardFacts } from './order-cards.ts';
export { type OrderFacts, orderFacts, orderLineOf } from './order-facts.ts';
export {
  type FulfilmentOrder,
  lockOrderForFulfilment,
  orderForFulfilment,
  paidOrdersOfShop,
} from './order-fulfilment.ts';
export {
  carriesGuarantee,
  commissionLinesOf,
  deliveredOrderCount,
  lineAmountOf,
  lockOrderForMoney,
  type MoneyOrder,
  orderShopAndState,
  paidByLocalDay,
  paidLinesOfShop,
} from './order-money.ts';
export { completedOrderIds, lineAmountsOf, lockOrdersForRefund } from './order-money-many.ts';
export { orderPartiesOf } from './order-parties.ts';
export {
  type GroupPayable,
  lockPayableGroups,
  markOrdersPaid,
  type PaidOrdersResult,
  SHIP_BY_DEADLINE,
} from './order-payment.ts';
export {
  escrowOrdersOfShop,
  orderIdsOfShop,
  orderIdsPaidBetween,
  orderProducts,
  productOfLineOrOrder,
} from './order-sets.ts';
export {
  type Actor,
  type MovedOrder,
  moveOrder,
  type OrderMove,
  releaseOrderStock,
} from './order-transition.ts';
export { orderEvents } from './orders.events.ts';
export { ordersRoutes } from './orders.routes.ts';
export {
  cancelUnpaidOrder,
  getOrderDetail,
  linesOfOrders,
  listOrders,
  orderDeadlineHandlers,
  orderReceivers,
} from './orders.service.ts';
export type { ActorKind, OrderAddress, OrderState } from './orders.tables.ts';
export { LOOKBACK_DAYS as REPEAT_LOOKBACK_DAYS, REPEAT_WINDOWS } from './repeat-customers.rule.ts';
export { type RepeatCustomerIndex, repeatCustomerIndex } from './repeat-customers.ts';
export { type ShopOrderFacts, shopOrderFacts } from './shop-order-facts.ts';
export { type ShopOrderFilter, type ShopOrderRow, searchShopOrders } from './shop-orders.ts';
export { type ShopPaidOrders, shopPaidOrders } from './shop-paid-orders.ts';
export { paidSkuLines } from './sku-lines.ts';
export { unitsSoldByProduct } from './units-sold.ts';
