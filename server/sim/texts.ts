import type { Random } from '../src/seed/random.ts';

/**
 * What the agents write, by intent. Every text is the simulator's own (written for it, combined at
 * random): honest texts include borderline ones (a payment method named, an honest one-star review,
 * a superlative of the buyer's own), so that precision means something.
 */

const digits = (r: Random, n: number) => r.digits(n).replace(/^0/, String(r.int(1, 9)));

// ---- live comments ----

const HONEST_COMMENTS = [
  '主播这件有M码吗',
  '多少钱呀',
  '上链接',
  '已拍，什么时候发货',
  '这个颜色好看',
  '能讲一下面料吗',
  '身高165穿多大',
  '2号链接还有货吗',
  '已下单，期待',
  '主播声音好好听',
  '可以用微信支付吗',
  '上次买的很好，回购了',
  '这款洗了会缩水吗',
  '有没有优惠券',
  '包邮吗',
  '能发顺丰吗',
  '主播试一下黑色',
  '家里老人能用吗',
  '第一次来直播间',
  '有赠品吗',
  '昨天买的今天就到了，好快',
  '这个比超市便宜',
  '退货方便吗',
  '质量怎么样，有人买过吗',
  'how much is this',
  'does it ship fast',
] as const;

/** Borderline but honest: contact words used for something else, everyday superlatives. */
const HONEST_BORDERLINE_COMMENTS = [
  '我在微信上看到过这个广告，原来是你们家',
  '加入购物车了，等发工资',
  '主播说的那个QQ音乐的歌叫什么',
  '这是我见过最好看的颜色',
  '电话打不通客服，在平台上留言了',
  '第一次买，先试试',
  '我朋友推荐来的',
  '拼多多上也有类似的，这家质量好点',
] as const;

export function honestComment(r: Random): string {
  return r.chance(0.2) ? r.pick(HONEST_BORDERLINE_COMMENTS) : r.pick(HONEST_COMMENTS);
}

const WX_WORDS = [
  '微信',
  '薇信',
  '威信',
  'VX',
  'vx',
  'V信',
  '➕V',
  '加v',
  '卫星',
  '🛰',
  'wechat',
  'weixin',
  'WX',
];
const QQ_WORDS = ['QQ', '扣扣', 'q q', '🐧', '企鹅'];
const PITCH = ['便宜', '私聊', '内部价', '有优惠', '直接发货', '更便宜', '拿货价', '不走平台', '返现'];

/** Off-platform contact, mostly written to evade. */
export function evasiveComment(r: Random): string {
  const id = `${r.pick(['xr', 'ss', 'mm', 'a', 'lj', 'zz'])}${digits(r, r.int(4, 6))}`;
  const phone = `1${r.pick(['3', '5', '8'])}${r.digits(9)}`;
  const spaced = phone.split('').join(' ');
  const qq = digits(r, r.int(8, 10));
  const kind = r.int(0, 9);
  switch (kind) {
    case 0:
      return `${r.pick(PITCH)}，加${r.pick(WX_WORDS)} ${id}`;
    case 1:
      return `${r.pick(QQ_WORDS)} ${qq} ${r.pick(PITCH)}`;
    case 2:
      return `想要的${r.pick(PITCH)}，打我电话 ${spaced}`;
    case 3:
      return `${r.pick(WX_WORDS)}：${id.split('').join(' ')}，${r.pick(PITCH)}`;
    case 4:
      return `看我头像二维码，${r.pick(PITCH)}`;
    case 5:
      return `主页有联系方式，${r.pick(PITCH)}的来`;
    case 6:
      return `${r.pick(PITCH)}出，v❤ ${id}`;
    case 7:
      return `要的滴滴我 ${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`;
    case 8:
      return `${r.pick(['某宝', '夕夕', '狗东'])}上搜我家店，${r.pick(PITCH)}`;
    default:
      return `add my wechat ${id} for a better price`;
  }
}

// ---- host speech: live titles and the host's own comments ----

const HONEST_TITLES = [
  '秋冬新款上新',
  '今晚福利专场',
  '工厂直发 家常好物',
  '新品试穿 欢迎来看',
  '限时优惠 本周特价',
  '产地直播 现摘现发',
  '周末宠粉 全场包邮',
  '老板娘亲自讲解面料',
] as const;

const HONEST_HOST_LINES = [
  '欢迎新进来的朋友，点点关注',
  '2号链接已经上架了',
  '这款是纯棉的，可以机洗',
  '库存不多了，喜欢的抓紧',
  '今天全场包邮',
  '有问题可以点客服问',
  '七天无理由，放心拍',
  '最后半小时，我们准备下播了',
] as const;

const HYPE_TITLES = [
  '老板跑路 最后一天 亏本清仓',
  '工厂倒闭 全场一折',
  '最后三单 错过再等一年',
  '全网最低价 马上涨价',
  '亏本大甩卖 拼手速',
  '厂家破产清仓 不要钱白送',
  '今天不买就没了 限量100件',
  'Factory closing! Last day! Everything must go',
] as const;

const HYPE_HOST_LINES = [
  '最后三单了，拍完就没了！',
  '老板说亏本也要卖，就今天',
  '家人们，这价格全网最低，错过再等一年',
  '工厂要倒闭了，我们是真的在清仓',
  '不抢就没了，3、2、1 上链接！',
  '我跟老板吵了一架才拿到这个价',
  '老板不同意我也要给大家这个价，亏也认了',
  '这是最后一批货，卖完永久下架',
  'only three left, hurry hurry hurry',
  'lowest price ever, gone in one minute',
] as const;

export const honestTitle = (r: Random) => r.pick(HONEST_TITLES);
export const honestHostLine = (r: Random) => r.pick(HONEST_HOST_LINES);
export const hypeTitle = (r: Random) => r.pick(HYPE_TITLES);
export const hypeHostLine = (r: Random) => r.pick(HYPE_HOST_LINES);

// ---- reviews ----

const GOOD_REVIEWS = [
  '质量很好，和描述一样',
  '物流很快，包装完整',
  '第二次买了，一如既往的好',
  '性价比高，推荐',
  '穿着舒服，尺码标准',
  '味道不错，家里人都爱吃',
  '今年买过最满意的东西',
  '客服态度好，回复及时',
  'great quality, fast delivery',
  '五星好评，下次还来',
] as const;

/** Honest and negative: a buyer's real complaint, sometimes blunt. */
const HONEST_NEGATIVE_REVIEWS = [
  '质量一般，洗了一次就起球，一星',
  '物流太慢了，等了一周，差评',
  '颜色和图片差太多，不推荐',
  '尺码偏小，退了',
  '味道太咸了，不会再买',
  '包装破了，东西还能用，给两星',
  '客服回复很慢，体验不好',
  '做工粗糙，线头很多，差评',
  'poor quality, would not buy again',
  '一星，东西不值这个价',
] as const;

export function honestReview(r: Random, unhappy: boolean): { rating: number; text: string } {
  if (unhappy) return { rating: r.int(1, 2), text: r.pick(HONEST_NEGATIVE_REVIEWS) };
  return { rating: r.chance(0.85) ? 5 : 4, text: r.pick(GOOD_REVIEWS) };
}

/** 不给钱就差评: a threat tied to money, in the words extortioners use. */
export function extortionReview(r: Random): { rating: number; text: string } {
  const amount = r.pick(['50', '30', '100', '20', '五十', '一百', '二十']);
  const text = r.pick([
    `不给我返${amount}元就一直差评`,
    `退我${amount}块钱，不然给你们刷差评`,
    `商家看到联系我，赔${amount}元我就改好评，不然差评到底`,
    '开个价吧，不然差评你懂的',
    `给我补偿${amount}，否则一星并且天天投诉`,
    `pay me ${amount} yuan or I leave one-star reviews everywhere`,
    `补${amount}元红包，我就删差评`,
    '不赔钱的话，我让朋友们都来给你家差评',
  ]);
  return { rating: 1, text };
}

// ---- chat ----

const HONEST_CHAT = [
  '你好，请问什么时候发货',
  '能换个颜色吗',
  '我的快递好像不动了',
  '请问有发票吗',
  '这个尺码适合多高的人',
  '可以用微信支付吗',
  '收到了，谢谢',
  '东西有点问题，怎么退',
] as const;

export const honestChat = (r: Random) => r.pick(HONEST_CHAT);

// ---- listings ----

export const GOOD_TITLES = {
  apparel: ['纯棉圆领T恤', '加绒卫衣', '羊毛围巾', '高腰牛仔裤', '针织开衫', '运动短袜 5双装', '羽绒马甲'],
  food: ['手工牛轧糖 500g', '五常大米 5kg', '有机红枣 1kg', '原味坚果礼盒', '黑芝麻丸', '赣南脐橙 5斤'],
  cosmetic: ['保湿面霜 50g', '温和洁面乳', '补水面膜 10片', '防晒乳 SPF50'],
} as const;

export const COUNTERFEIT_TITLES = [
  '大牌同款 原单尾货 运动鞋',
  '专柜正品 一比一 手提包',
  '高仿 原单 皮带',
  '大牌平替 同厂 香水 100ml',
  '原厂尾单 羽绒服 清仓',
  '品牌剪标 外贸原单 卫衣',
] as const;

/** Numbers a seller without a licence puts in the field: made up, expired, revoked, mis-shaped. */
export const BAD_FOOD_NUMBERS = [
  'SC99999999999999',
  'SC10344010600052',
  'SC12437010200088',
  'SC123',
  'SC55500011122233',
];
export const VALID_FOOD_NUMBERS = ['SC10632058300312', 'SC11644030500019'];
export const BAD_COSMETIC_NUMBERS = ['国妆特字G20190001', '沪G妆网备字2019000666', '国妆特字G20990000'];
export const VALID_COSMETIC_NUMBERS = ['国妆特字G20200456', '粤G妆网备字2020123456', '浙G妆网备字2021000001'];

export const QUALITY_EVIDENCE = [
  '收到就发现开线了，照片见附件',
  '拉链拉不上，卡住了',
  '和页面描述的材质不一样',
  '有一块明显的污渍',
  '包装破损，里面东西也压坏了',
  '吃起来有股怪味，像是受潮了',
] as const;
