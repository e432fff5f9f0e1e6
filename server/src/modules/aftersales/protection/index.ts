export { isHighRefundBuyer } from '../../risk/index.ts';
export { refreshBuyerLabels } from './buyer-labels.service.ts';
export { detectFreightAbuse } from './freight-abuse.service.ts';
export {
  type Exclusion,
  requestExclusion,
  type ShopRequestFacts,
  shopRequestFacts,
} from './merchant-metric-scope.ts';
export { protectionRoutes } from './protection.routes.ts';
export {
  DETECT_SKU_SPIKES,
  protectionDeadlineHandlers,
  REFRESH_PROTECTION,
  refreshProtection,
  scheduleProtectionRefresh,
  scheduleSkuSpikeDetection,
} from './protection-deadlines.ts';
export {
  type MetricsWindowDays,
  type ProductRefundFigures,
  qualityRefundMetrics,
  type RefundFigures,
  type RefundMetrics,
  refundFiguresByCohort,
} from './refund-metrics.service.ts';
export { REFUND_TYPES } from './refund-requests.ts';
export { detectSkuSpikes, SKU_PROTECTION_NOTIFICATION } from './sku-protection.service.ts';
