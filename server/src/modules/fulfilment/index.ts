export { CARRIER_NAMES, CARRIERS, type Carrier, TRACKING_NUMBER_PATTERN } from './carriers.ts';
export { AUTO_CONFIRM, SETTLE_ORDER, SHIP_BY } from './deadline-kinds.ts';
export { fulfilmentRoutes } from './fulfilment.routes.ts';
export { ReceiverSchema } from './fulfilment.schema.ts';
export type { FulfilmentTables, IncidentKind } from './fulfilment.tables.ts';
export { fulfilmentDeadlineHandlers } from './fulfilment-deadlines.ts';
export {
  type FulfilmentHooks,
  noFulfilmentHooks,
  recordIncident,
  type ShipmentState,
  shipmentOfOrder,
  shipmentsOfOrders,
} from './fulfilment-hooks.ts';
export { type FulfilmentView, fulfilmentView, ordersToShip } from './fulfilment-read.service.ts';
export { completeOrder } from './receipt.service.ts';
export { type Receiver, receiverFor } from './receiver.rule.ts';
export { shipOrder } from './shipping.service.ts';
export { type ShopLogisticsFacts, shopLogisticsFacts } from './shop-logistics-facts.ts';
export { type StalledParcel, stalledParcels } from './stalled-parcels.ts';
export { remainderToShip } from './to-ship.rule.ts';
export { TRACKING_EVENTS, type TrackingStatus, trackingTransitions } from './tracking.machine.ts';
