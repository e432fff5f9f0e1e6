import { defineMessages } from './define.ts';

// Issue 15 (H3): ratings and the reputation line, the shop page, the NPS survey, repeat customers and NPS
// on the merchant dashboard and in ops. Keys start with 'rep.', 'storefront.', 'nps.', 'merchant.feedback.'
// and 'ops.nps.' (and the error keys of the surveys module).
export const feedbackMessages = defineMessages(
  {
    'rep.starsOf': '{n} 星（满分 5 星）',
    'rep.goodRate': '好评率 {rate}',
    'rep.reviews': '{n} 条评价',
    'rep.noReviews': '暂无评价',
    'rep.trust': '信任购',
    'rep.trustHint': '平台认证的信任购店铺：体验分达标、开通信任保障且 90 天内无严重违规',
    'rep.band': '体验 {band}',
    'rep.bandHint': '店铺近 30 天的商家体验分档位',
    'rep.band.excellent': '优秀',
    'rep.band.good': '良好',
    'rep.band.fair': '一般',
    'rep.band.poor': '较差',
    'rep.band.not_enough_orders': '订单不足',
  },
  {
    'rep.starsOf': '{n} out of 5 stars',
    'rep.goodRate': '{rate} good ratings',
    'rep.reviews': '{n} reviews',
    'rep.noReviews': 'No reviews yet',
    'rep.trust': 'Trusted shop',
    'rep.trustHint':
      'A trusted shop: its experience score meets the bar, trust guarantees are on and no serious violation in 90 days',
    'rep.band': 'Experience: {band}',
    'rep.bandHint': 'The band of the shop’s experience score over the last 30 days',
    'rep.band.excellent': 'excellent',
    'rep.band.good': 'good',
    'rep.band.fair': 'fair',
    'rep.band.poor': 'poor',
    'rep.band.not_enough_orders': 'not enough orders',
  },
);
