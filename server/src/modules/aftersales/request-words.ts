import { platformTimeText } from '../../platform/config.ts';
import { CARRIER_NAMES, type Carrier } from '../fulfilment/index.ts';
import { type Explanation, yuan } from './decision.ts';
import type { MoveReason } from './request-store.ts';

type Words = Record<string, unknown>;

/** The explanation of a human or system step, by key. Automated rule decisions bring their own. */
export function words(key: string, v: Words = {}): MoveReason {
  const fen = typeof v.fen === 'number' ? yuan(v.fen) : '';
  const until = v.until instanceof Date ? platformTimeText(v.until) : '';
  // a window of the policy in force (e.g. `aftersales.resubmitWindowMs`), in words
  const within = typeof v.windowMs === 'number' ? spanWords(v.windowMs) : { zh: '', en: '' };
  const carrier = CARRIER_NAMES[v.carrier as Carrier] ?? { zh: String(v.carrier), en: String(v.carrier) };
  const table: Record<string, Explanation> = {
    opened: { zh: `买家发起售后申请，申请金额${fen}`, en: `The buyer opened a request for ${fen}` },
    superseded: {
      zh: '买家重新提交了申请，本申请关闭',
      en: 'The buyer submitted a new request; this one is closed',
    },
    waiting_for_merchant: { zh: '等待商家处理', en: 'Waiting for the merchant to answer' },
    merchant_approved: { zh: `商家同意了申请（${fen}）`, en: `The merchant approved the request (${fen})` },
    merchant_rejected: {
      zh: `商家在与买家沟通后拒绝了申请：${String(v.reason)}。买家可在${within.zh}内重新提交或申请平台介入`,
      en: `After talking with the buyer the merchant rejected the request: ${String(v.reason)}. The buyer may resubmit or ask the platform to arbitrate within ${within.en}`,
    },
    return_received: {
      zh: `商家确认收到退货，已退款${fen}`,
      en: `The merchant confirmed the return arrived; ${fen} refunded`,
    },
    return_received_exchange: {
      zh: '商家确认收到退货，将寄出换货',
      en: 'The merchant confirmed the return arrived and will send the replacement',
    },
    receipt_extended: {
      zh: `商家延长了一次收货期限，至${until}`,
      en: `The merchant extended the receipt deadline once, to ${until}`,
    },
    reshipped: {
      zh: `商家已寄出：${carrier.zh} ${String(v.tracking)}`,
      en: `The merchant sent the replacement: ${carrier.en} ${String(v.tracking)}`,
    },
    return_shipped: {
      zh: `买家已寄回：${carrier.zh} ${String(v.tracking)}`,
      en: `The buyer shipped the return: ${carrier.en} ${String(v.tracking)}`,
    },
    withdrawn: { zh: '买家撤销了申请', en: 'The buyer withdrew the request' },
    escalated: {
      zh: `买家申请平台介入：${String(v.reason)}`,
      en: `The buyer asked the platform to arbitrate: ${String(v.reason)}`,
    },
    counterfeit_to_arbitration: {
      zh: `买家投诉假货，商品承诺假一赔${String(v.n)}，由平台仲裁认定；商家有48小时提交证据`,
      en: `The buyer reports a counterfeit on a fake-pays-${String(v.n)} item: the platform arbitrates; the merchant has 48 h to submit evidence`,
    },
  };
  const explanation = table[key];
  if (!explanation) throw new Error(`no words for ${key}`);
  return { explanation };
}

/** A window as words: whole days ("7天", "7 days"), else hours ("48小时", "48 h"). */
function spanWords(ms: number): { zh: string; en: string } {
  const hours = Math.round((ms / 3_600_000) * 100) / 100;
  if (hours % 24 === 0) return { zh: `${hours / 24}天`, en: `${hours / 24} days` };
  return { zh: `${hours}小时`, en: `${hours} h` };
}
