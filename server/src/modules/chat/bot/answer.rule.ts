import { platformTimeText } from '../../../platform/config.ts';
import type { Intent } from './intents.ts';

export const CARRIER_ZH: Record<string, string> = {
  sf: '顺丰速运',
  zto: '中通快递',
  yto: '圆通速递',
  sto: '申通快递',
  yunda: '韵达快递',
  jd: '京东物流',
  ems: 'EMS',
  sandbox: '沙箱快递',
};

const TRACKING_ZH: Record<string, string> = {
  created: '已发货，等待快递揽收',
  picked_up: '快递已揽收',
  in_transit: '运输中',
  delivered: '已签收',
  lost: '快递报告丢失，请转人工为您处理',
};

/** The facts the bot answers from (product rules §8.3), gathered by bot-facts.ts. */
export interface BotFacts {
  /** The platform's ship-by promise after payment. */
  shipByMs: number;
  product: {
    title: string;
    presaleShipDays: number | null;
    guarantees: { code: string; zh: string }[];
  } | null;
  order: {
    id: number;
    state: string;
    shipByAt: Date | null;
    shipment: {
      carrier: string;
      trackingNumber: string;
      status: string;
      lastEventAt: Date;
    } | null;
  } | null;
  returnAddress: { recipient: string; regionName: string; detail: string } | null;
  /** The shop's service hours, as shown to the buyer ("09:00–22:00"). */
  serviceHours: string;
}

export type AnsweredIntent = Exclude<Intent, 'human'>;

const hours = (ms: number) => Math.round(ms / 3_600_000);

function shipPromise(f: BotFacts): string {
  if (f.product?.presaleShipDays) return `这件商品是预售，付款后 ${f.product.presaleShipDays} 天内发货。`;
  return `现货商品付款后 ${hours(f.shipByMs)} 小时内发货，超时未发平台会按规则赔付。`;
}

function orderShipping(f: BotFacts): string | null {
  const o = f.order;
  if (!o) return null;
  if (o.shipment) {
    const carrier = CARRIER_ZH[o.shipment.carrier] ?? o.shipment.carrier;
    return `您的订单 ${o.id} 已由${carrier}发出，运单号 ${o.shipment.trackingNumber}。`;
  }
  if (o.state === 'paid' && o.shipByAt) {
    return `您的订单 ${o.id} 还未发货，商家承诺 ${platformTimeText(o.shipByAt)} 前发出。`;
  }
  return null;
}

/**
 * The bot's answer to a question it understood, in the buyer's language of the platform (Chinese),
 * from the platform's own facts only: nothing is promised that the facts do not say.
 */
export function botAnswer(intent: AnsweredIntent, f: BotFacts): string {
  switch (intent) {
    case 'greeting':
      return '您好，我是店铺的智能助手。可以问我发货时间、快递、物流进度、商品保障和退货方式；需要人工客服请回复“人工”。';
    case 'thanks':
      return '不客气，还有问题随时问我；需要人工客服请回复“人工”。';
    case 'ship_time':
      return orderShipping(f) ?? shipPromise(f);
    case 'carrier': {
      const shipped = f.order?.shipment ? orderShipping(f) : null;
      return shipped ?? `商家发货时选择快递，发货后您可以在订单详情里看到快递公司和运单号。${shipPromise(f)}`;
    }
    case 'tracking': {
      const o = f.order;
      if (!o) return '没有找到您在本店的订单。下单后可以在“我的订单”里查看物流，或回复“人工”找客服。';
      if (!o.shipment) return orderShipping(f) ?? `您的订单 ${o.id} 还未发货。`;
      const carrier = CARRIER_ZH[o.shipment.carrier] ?? o.shipment.carrier;
      return `您的订单 ${o.id}（${carrier} ${o.shipment.trackingNumber}）：${TRACKING_ZH[o.shipment.status] ?? o.shipment.status}，最新动态 ${platformTimeText(o.shipment.lastEventAt)}。`;
    }
    case 'guarantees': {
      const p = f.product;
      if (!p) return '商品的保障写在商品页的“保障”一栏；发给我商品或从商品页进入会话，我来告诉您。';
      if (p.guarantees.length === 0) return `“${p.title}”没有额外的保障服务，售后按平台规则处理。`;
      return `“${p.title}”享有：${p.guarantees.map((g) => g.zh).join('、')}。`;
    }
    case 'returns': {
      const seven = f.product?.guarantees.some((g) => g.code === 'no_reason_7d');
      const rule = seven
        ? '这件商品支持7天无理由退货（签收次日零点起7×24小时）。'
        : f.product
          ? '这件商品不支持7天无理由退货，质量问题可以申请售后。'
          : '';
      const how = '在“我的订单”里找到订单，点“申请售后”选择退款或退货退款，商家同意后按退货地址寄回。';
      const address = f.returnAddress
        ? `退货地址：${f.returnAddress.recipient}，${f.returnAddress.regionName} ${f.returnAddress.detail}。`
        : '';
      return `${rule}${how}${address}`;
    }
  }
}

/** What the bot says when it hands the buyer to a person (the queue), in or out of service hours. */
export function handOffText(
  inServiceHours: boolean,
  f: Pick<BotFacts, 'serviceHours'>,
  unknown: boolean,
): string {
  const lead = unknown ? '这个问题我还回答不了，' : '';
  return inServiceHours
    ? `${lead}正在为您转接人工客服，请稍候。`
    : `${lead}现在是非服务时间（服务时间 ${f.serviceHours}），已为您排队，客服上班后第一时间回复您。`;
}
