export { type CompensationInput, payCompensation } from './compensation.service.ts';
export { type CompensationTerms, compensationAmount } from './compensation-amount.rule.ts';
export { FAKE_SHIPMENT_CHECK, FREIGHT_PREMIUM, LOGISTICS_STALL } from './deadline-kinds.ts';
export { refundUnshippedOrder } from './escrow-refund.service.ts';
export { calendarMonth, freightPayout, freightPremium } from './freight-insurance.rule.ts';
export {
  chargeFreightPremium,
  type FreightPremiumCharge,
  payReturnFreight,
  type ReturnFreightOutcome,
} from './freight-insurance.service.ts';
export {
  chargeMerchant,
  type MerchantChargeInput,
  type MerchantChargeResult,
} from './merchant-charge.service.ts';
export {
  type RefundSource,
  type RequestRefund,
  type RequestRefundInput,
  refundForRequest,
} from './refund-for-request.service.ts';
export {
  compensateShipment,
  type ShipmentCompensation,
  type ShipmentCompensationKind,
} from './shipment-compensation.service.ts';
export { aftersalesFulfilmentHooks, moneyDeadlineHandlers } from './shipment-protection.ts';
