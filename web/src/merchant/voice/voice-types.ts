import type { paths } from '../../api/schema.d.ts';

export type VoiceOverview =
  paths['/api/v1/ops/voice/overview']['get']['responses']['200']['content']['application/json'];
export type FeedbackPage =
  paths['/api/v1/ops/voice/feedback']['get']['responses']['200']['content']['application/json'];
export type FeedbackItem = FeedbackPage['items'][number];
export type Topic = VoiceOverview['totals'][number]['topic'];
export type Source = VoiceOverview['sources'][number]['source'];
export type SkuProtectionPage =
  paths['/api/v1/ops/aftersales/sku-protections']['get']['responses']['200']['content']['application/json'];
export type SkuProtection = SkuProtectionPage['items'][number];

export const TOPICS: readonly Topic[] = ['quality', 'logistics', 'service', 'description_mismatch', 'price'];
export const SOURCES: readonly Source[] = ['review', 'chat', 'aftersales', 'complaint'];
/** One colour per topic, the same in every chart and badge. */
export const TOPIC_COLOURS: Record<Topic, string> = {
  quality: '#d9480f',
  logistics: '#1c7ed6',
  service: '#7048e8',
  description_mismatch: '#e67700',
  price: '#2b8a3e',
};
export const PERIODS = [7, 30] as const;
export type Period = (typeof PERIODS)[number];
