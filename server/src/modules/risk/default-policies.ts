import type { Checkpoint } from './checkpoints.ts';
import type { Policy } from './rule-language.ts';

/**
 * Version 1 of each checkpoint's policy, written on first use (product rules §6). Rule admins replace
 * them through the API; these numbers are starting points, not tuned thresholds.
 */
export const DEFAULT_POLICIES: Record<Checkpoint, Policy> = {
  merchant_onboarding: {
    checkpoint: 'merchant_onboarding',
    rules: [
      {
        id: 'blacklist-link',
        description:
          'Re-registration: a phone, ID number, device or payout account of a blacklisted merchant',
        when: { linkedTo: 'blacklist', via: ['phone', 'id_number', 'device', 'payout_account'] },
        outcome: 'block',
        reason: { zh: '关联黑名单主体，禁止入驻', en: 'Linked to a blacklisted merchant' },
      },
      {
        id: 'repeat-registrations',
        description: 'Many shops registered with one phone, ID number or device in 30 days',
        when: {
          any: [
            { feature: 'phone.registrations_30d', op: '>', value: 2 },
            { feature: 'id_number.registrations_30d', op: '>', value: 2 },
            { feature: 'device.registrations_30d', op: '>', value: 3 },
          ],
        },
        outcome: 'review',
        reason: { zh: '短期内多次入驻', en: 'Repeated registrations in a short time' },
      },
      {
        id: 'unverified-identity',
        description: 'Identity or business licence not verified',
        when: {
          any: [
            { feature: 'id_verified', op: '==', value: false },
            { feature: 'business_licence_valid', op: '==', value: false },
          ],
        },
        outcome: 'review',
        reason: { zh: '身份或营业执照未核验', en: 'Identity or business licence not verified' },
      },
    ],
  },
  product_listing: {
    checkpoint: 'product_listing',
    rules: [
      {
        id: 'qualification-invalid',
        description: 'Regulated goods without a valid licence or registration number (三品一械)',
        when: {
          all: [
            { feature: 'regulated_category', op: '==', value: true },
            { feature: 'qualification_status', op: '!=', value: 'valid' },
          ],
        },
        outcome: 'block',
        reason: { zh: '资质编号无效或缺失', en: 'Missing or invalid qualification number' },
      },
      {
        id: 'brand-unauthorised',
        description: 'A brand name without authorisation',
        when: { feature: 'brand_authorised', op: '==', value: false },
        outcome: 'review',
        reason: { zh: '品牌未授权', en: 'Brand not authorised' },
      },
      {
        id: 'banned-claims',
        description: 'Absolute terms or medical claims banned by the advertising law',
        when: { feature: 'banned_claims', op: '>', value: 0 },
        outcome: 'block',
        reason: { zh: '含违禁宣传用语', en: 'Banned advertising claims' },
      },
      {
        id: 'price-anomaly',
        description: 'Price far below or above comparable listings',
        when: {
          any: [
            { feature: 'price_ratio', op: '<', value: 0.2 },
            { feature: 'price_ratio', op: '>', value: 5 },
          ],
        },
        outcome: 'review',
        reason: { zh: '价格异常', en: 'Price anomaly' },
      },
      {
        id: 'original-price-not-charged',
        description:
          'An original price (划线价) above the lowest price the SKU was offered at in the 7 days before (product rules §6.3)',
        when: { feature: 'original_price_ratio', op: '>', value: 1 },
        outcome: 'block',
        reason: {
          zh: '划线价高于近7日最低售价',
          en: 'Original price above the lowest price of the last 7 days',
        },
      },
      {
        id: 'listing-burst',
        description: 'A shop listing products in a burst',
        when: { feature: 'shop.listings_1h', op: '>', value: 200 },
        outcome: 'review',
        reason: { zh: '短时间大量上架', en: 'Burst of listings' },
      },
      {
        id: 'reported-shop',
        description: 'A shop buyers reported more than 20 times in 7 days (product rules §8.7)',
        when: { feature: 'shop.reports_7d', op: '>', value: 20 },
        outcome: 'review',
        reason: { zh: '店铺近期被买家大量举报', en: 'Shop reported by many buyers recently' },
      },
      {
        id: 'screening-high',
        description: 'High-risk text in the title or description',
        when: { feature: 'screening_risk', op: '==', value: 'high' },
        outcome: 'block',
        reason: { zh: '商品文案高风险', en: 'High-risk listing text' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk text in the title or description (the model or a corroborated weak term)',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '商品文案需复核', en: 'Listing text needs review' },
      },
      {
        id: 'fake-giveaway',
        description: 'A fake giveaway (虚构福利) in the title or description',
        when: { feature: 'screening_categories', op: 'contains', value: 'fake_giveaway' },
        outcome: 'block',
        reason: { zh: '商品文案含虚构福利', en: 'Fake giveaway in the listing' },
      },
      {
        id: 'recycling-scam',
        description: 'A high-price recycling offer (高价回收) aimed at older buyers',
        when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
        outcome: 'block',
        reason: { zh: '商品文案含高价回收诱导', en: 'High-price recycling lure in the listing' },
      },
    ],
  },
  order_placement: {
    checkpoint: 'order_placement',
    rules: [
      {
        id: 'buyer-velocity',
        description: 'A buyer placing more than 10 orders in an hour',
        when: { feature: 'buyer.orders_1h', op: '>', value: 10 },
        outcome: 'review',
        reason: { zh: '下单频率异常', en: 'Unusual order rate for this buyer' },
      },
      {
        id: 'device-velocity',
        description: 'One device placing more than 30 orders in an hour (device farm)',
        when: { feature: 'device.orders_1h', op: '>', value: 30 },
        outcome: 'block',
        reason: { zh: '设备下单频率异常', en: 'Unusual order rate from this device' },
      },
      {
        id: 'address-velocity',
        description: 'More than 50 orders to one address in 24 hours',
        when: { feature: 'address.orders_24h', op: '>', value: 50 },
        outcome: 'review',
        reason: { zh: '同一地址订单过多', en: 'Many orders to one address' },
      },
      {
        id: 'blacklisted-buyer',
        description: 'Phone or device on the blacklist',
        when: { linkedTo: 'blacklist', via: ['phone', 'device'] },
        outcome: 'review',
        reason: { zh: '关联黑名单', en: 'Linked to the blacklist' },
      },
      {
        // Product rules §6.4: the marketplace simulator's fraud rings (accounts sharing one device)
        // stayed under the hourly limit above. (A delivery phone is shared by families and offices.)
        id: 'shared-device-week',
        description: 'More than 20 orders in 7 days from one device (accounts sharing it)',
        when: { feature: 'device.orders_7d', op: '>', value: 20 },
        outcome: 'review',
        reason: { zh: '同一设备一周内订单过多', en: 'Many orders from one device in a week' },
      },
    ],
  },
  aftersales_request: {
    checkpoint: 'aftersales_request',
    rules: [
      {
        id: 'high-refund-burst',
        description: 'A high-refund buyer (薅羊毛) with more than 3 requests in 24 hours',
        when: {
          all: [{ label: 'high_refund' }, { feature: 'buyer.refund_requests_24h', op: '>', value: 3 }],
        },
        outcome: 'review',
        reason: { zh: '高退款买家短期内多次申请', en: 'High-refund buyer with repeated requests' },
      },
      {
        id: 'refund-velocity',
        description: 'More than 10 requests from one buyer or device in 7 days',
        when: {
          any: [
            { feature: 'buyer.refund_requests_7d', op: '>', value: 10 },
            { feature: 'device.refund_requests_7d', op: '>', value: 10 },
          ],
        },
        outcome: 'review',
        reason: { zh: '售后申请频率异常', en: 'Unusual after-sales request rate' },
      },
      {
        id: 'confirmed-fraud',
        description: 'A buyer ops labelled fraud',
        when: { label: 'fraud' },
        outcome: 'review',
        reason: { zh: '已确认欺诈买家', en: 'Buyer confirmed as fraudulent' },
      },
      {
        // Product rules §6.4: in the simulator, abusers concentrated in a category raise its average
        // refund rate until 3 × the average (the high-refund label) is out of reach; a month's count is not.
        id: 'refund-month',
        description: 'More than 10 after-sales requests from one buyer in 30 days',
        when: { feature: 'buyer.refund_requests_30d', op: '>', value: 10 },
        outcome: 'review',
        reason: { zh: '30天内售后申请过多', en: 'Many after-sales requests in 30 days' },
      },
    ],
  },
  review: {
    checkpoint: 'review',
    rules: [
      {
        id: 'extortion',
        description: 'Extortion in a review (不给钱就差评)',
        when: { feature: 'screening_categories', op: 'contains', value: 'extortion' },
        outcome: 'review',
        reason: { zh: '疑似以差评要挟', en: 'Possible extortion' },
      },
      {
        id: 'negative-burst',
        description: 'A burst of negative reviews on one shop or from one device',
        when: {
          any: [
            { feature: 'shop.negative_reviews_1h', op: '>', value: 20 },
            { feature: 'device.negative_reviews_24h', op: '>', value: 5 },
          ],
        },
        outcome: 'review',
        reason: { zh: '差评集中出现', en: 'Burst of negative reviews' },
      },
      {
        id: 'no-order',
        description: 'A review without an order',
        when: { feature: 'has_order', op: '==', value: false },
        outcome: 'block',
        reason: { zh: '无订单评价', en: 'Review without an order' },
      },
      {
        id: 'screening-high',
        // Extortion is left to the review rule above: ops need a case to act on the buyer, not a silent block.
        description: 'High-risk text other than extortion',
        when: {
          all: [
            { feature: 'screening_risk', op: '==', value: 'high' },
            { not: { feature: 'screening_categories', op: 'contains', value: 'extortion' } },
          ],
        },
        outcome: 'block',
        reason: { zh: '评价内容高风险', en: 'High-risk review text' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk review text (the model or a corroborated weak term)',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '评价内容需复核', en: 'Review text needs review' },
      },
      {
        id: 'vulgarity',
        description: 'Abuse or vulgarity in a review',
        when: { feature: 'screening_categories', op: 'contains', value: 'vulgarity' },
        outcome: 'review',
        reason: { zh: '评价含辱骂或低俗内容', en: 'Abusive or vulgar review' },
      },
    ],
  },
  live_comment: {
    checkpoint: 'live_comment',
    rules: [
      {
        id: 'screening-high',
        description: 'High-risk comment (off-platform trade, false advertising)',
        when: { feature: 'screening_risk', op: '==', value: 'high' },
        outcome: 'block',
        reason: { zh: '评论内容高风险', en: 'High-risk comment' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk comment',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '评论内容需复核', en: 'Comment needs review' },
      },
      {
        id: 'vulgarity',
        description: 'Abuse or vulgarity in a comment: hidden until ops decide',
        when: { feature: 'screening_categories', op: 'contains', value: 'vulgarity' },
        outcome: 'review',
        reason: { zh: '评论含辱骂或低俗内容', en: 'Abusive or vulgar comment' },
      },
      {
        id: 'recycling-scam',
        description: 'A high-price recycling lure (高价回收) in a comment',
        when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
        outcome: 'block',
        reason: { zh: '评论含高价回收诱导', en: 'High-price recycling lure in a comment' },
      },
      {
        id: 'fake-giveaway',
        description: 'A fake giveaway (虚构福利) in a comment',
        when: { feature: 'screening_categories', op: 'contains', value: 'fake_giveaway' },
        outcome: 'review',
        reason: { zh: '评论含虚构福利', en: 'Fake giveaway in a comment' },
      },
      {
        id: 'comment-flood',
        description: 'More than 60 comments an hour from one account or device',
        when: {
          any: [
            { feature: 'buyer.comments_1h', op: '>', value: 60 },
            { feature: 'device.comments_1h', op: '>', value: 60 },
          ],
        },
        outcome: 'block',
        reason: { zh: '刷屏', en: 'Comment flooding' },
      },
    ],
  },
  live_title: {
    checkpoint: 'live_title',
    rules: [
      {
        id: 'screening-high',
        description: 'High-risk live title',
        when: { feature: 'screening_risk', op: '==', value: 'high' },
        outcome: 'block',
        reason: { zh: '直播标题高风险', en: 'High-risk live title' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk live title',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '直播标题需复核', en: 'Live title needs review' },
      },
      {
        id: 'fake-giveaway',
        description: 'A fake giveaway (虚构福利) in a live title draws the whole room',
        when: { feature: 'screening_categories', op: 'contains', value: 'fake_giveaway' },
        outcome: 'block',
        reason: { zh: '直播标题含虚构福利', en: 'Fake giveaway in a live title' },
      },
      {
        id: 'recycling-scam',
        description: 'A high-price recycling lure (高价回收) in a live title',
        when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
        outcome: 'block',
        reason: { zh: '直播标题含高价回收诱导', en: 'High-price recycling lure in a live title' },
      },
    ],
  },
  video_caption: {
    checkpoint: 'video_caption',
    rules: [
      {
        id: 'screening-high',
        description: 'High-risk caption',
        when: { feature: 'screening_risk', op: '==', value: 'high' },
        outcome: 'block',
        reason: { zh: '视频文案高风险', en: 'High-risk caption' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk caption',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '视频文案需复核', en: 'Caption needs review' },
      },
      {
        id: 'fake-giveaway',
        description: 'A fake giveaway (虚构福利) in a caption',
        when: { feature: 'screening_categories', op: 'contains', value: 'fake_giveaway' },
        outcome: 'block',
        reason: { zh: '视频文案含虚构福利', en: 'Fake giveaway in a caption' },
      },
      {
        id: 'recycling-scam',
        description: 'A high-price recycling lure (高价回收) in a caption',
        when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
        outcome: 'block',
        reason: { zh: '视频文案含高价回收诱导', en: 'High-price recycling lure in a caption' },
      },
    ],
  },
  // Product rules §8.1: off-platform contact in a chat is held back from the other side.
  chat_message: {
    checkpoint: 'chat_message',
    rules: [
      {
        id: 'off-platform',
        description: 'Off-platform contact or trade (phone, WeChat, QQ, invitations to deal elsewhere)',
        when: { feature: 'screening_categories', op: 'contains', value: 'off_platform' },
        outcome: 'block',
        reason: { zh: '聊天中留站外联系方式', en: 'Off-platform contact in a chat' },
      },
      {
        id: 'screening-high',
        description: 'High-risk chat message',
        when: { feature: 'screening_risk', op: '==', value: 'high' },
        outcome: 'block',
        reason: { zh: '聊天内容高风险', en: 'High-risk chat message' },
      },
      {
        id: 'screening-medium',
        description: 'Medium-risk chat message: held until ops decide (product rules §8.1)',
        when: { feature: 'screening_risk', op: '==', value: 'medium' },
        outcome: 'review',
        reason: { zh: '聊天内容需复核', en: 'Chat message needs review' },
      },
      {
        id: 'vulgarity',
        description: 'Abuse or vulgarity in a chat message',
        when: { feature: 'screening_categories', op: 'contains', value: 'vulgarity' },
        outcome: 'review',
        reason: { zh: '聊天含辱骂或低俗内容', en: 'Abusive or vulgar chat message' },
      },
      {
        id: 'recycling-scam',
        description: 'A high-price recycling lure (高价回收) in a chat',
        when: { feature: 'screening_categories', op: 'contains', value: 'recycling_scam' },
        outcome: 'block',
        reason: { zh: '聊天含高价回收诱导', en: 'High-price recycling lure in a chat' },
      },
      // Low risk (a weak term the model does not support: 最好, 第一 … in everyday chat) passes.
    ],
  },
};
