import { describe, expect, it } from 'vitest';
import { metricValues, noFacts } from './metric-values.rule.ts';

const H = 3_600_000;

describe('metric values from a shop’s facts', () => {
  it.each([
    ['quality_refund_rate', { qualityRefunds: 3, completedOrders: 200 }, 150],
    ['quality_refund_rate', { qualityRefunds: 3, completedOrders: 0 }, null],
    ['negative_review_rate', { negativeReviews: 1, reviews: 3 }, 3_333],
    ['negative_review_rate', { negativeReviews: 0, reviews: 0 }, null],
    ['quality_complaint_rate', { qualityComplaints: 1, completedOrders: 40 }, 250],
    ['pickup_in_time_rate', { pickedUpInTime: 95, shipped: 100 }, 9_500],
    ['pickup_in_time_rate', { pickedUpInTime: 0, shipped: 0 }, null],
    ['delivery_hours', { medianDeliveryMs: 50.04 * H }, 50],
    ['delivery_hours', { medianDeliveryMs: null }, null],
    ['logistics_complaint_rate', { logisticsComplaints: 2, completedOrders: 100 }, 200],
    ['merchant_response_hours', { medianMerchantResponseMs: 5.55 * H }, 5.6],
    ['refund_hours', { medianRefundMs: 30 * H }, 30],
    ['arbitration_lost_rate', { arbitrationsLost: 1, completedOrders: 30 }, 333],
    ['chat_response_3m_rate', { chatAnsweredIn3m: 17, chatCounted: 20 }, 8_500],
    ['chat_response_3m_rate', { chatAnsweredIn3m: 0, chatCounted: 0 }, null],
    ['chat_first_response_seconds', { chatFirstResponseMsSum: 93_700, chatAnswered: 2 }, 46.9],
    ['chat_first_response_seconds', { chatFirstResponseMsSum: 0, chatAnswered: 0 }, null],
    ['chat_good_rating_rate', { chatGood: 41, chatRated: 50 }, 8_200],
  ] as const)('%s of %o is %s', (metric, facts, value) => {
    expect(metricValues({ ...noFacts, ...facts })[metric]).toBe(value);
  });
});
