import type { OpsRole } from '../modules/identity/index.ts';
import type { Sector } from './demo-categories.ts';
import type { Random } from './random.ts';

/** Every demo account signs in with this password. */
export const DEMO_PASSWORD = 'xinren-demo';

export interface DemoCreator {
  displayName: string;
  /** Sectors whose goods the creator pins (分销). */
  sectors: readonly Sector[];
  /** Titles of the creator's sessions: the first for the live/ended ones, the second for the next. */
  titles: readonly [string, string];
  /** Live right now (per the clock) when seeded. */
  liveNow: boolean;
}

/** Creators (达人) `creator1` … in this order. */
export const DEMO_CREATORS: readonly DemoCreator[] = [
  {
    displayName: '小鱼爱种草',
    sectors: ['beauty', 'apparel'],
    titles: ['秋冬护肤+穿搭好物 今晚福利不停', '周末宠粉专场：国货护肤囤货攻略'],
    liveNow: true,
  },
  {
    displayName: '果园老李',
    sectors: ['fresh'],
    titles: ['果园现场直播 赣南脐橙现摘现发', '热带水果专场 榴莲开箱数房数'],
    liveNow: true,
  },
  {
    displayName: '数码阿杰',
    sectors: ['electronics', 'used_phone'],
    titles: ['数码好物开箱 耳机音箱实测', '二手机怎么挑？现场验机教学'],
    liveNow: true,
  },
  {
    displayName: '吃货小胖',
    sectors: ['food', 'frozen'],
    titles: ['深夜零食局 边吃边聊', '火锅季来了 底料饺子一次买齐'],
    liveNow: true,
  },
  {
    displayName: '穿搭研究所Mia',
    sectors: ['apparel'],
    titles: ['小个子秋冬穿搭 一衣多穿', '通勤OL穿搭 大衣专场'],
    liveNow: true,
  },
  {
    displayName: '宝妈团长丽姐',
    sectors: ['fresh', 'food', 'beauty'],
    titles: ['宝妈团购 家庭囤货清单', '年货节预热 坚果礼盒团购价'],
    liveNow: false,
  },
  {
    displayName: '二手机老炮',
    sectors: ['used_phone'],
    titles: ['二手iPhone成色对比 95新和99新差在哪', '华为二手机专场 180天质保'],
    liveNow: false,
  },
  {
    displayName: '护肤成分党',
    sectors: ['beauty'],
    titles: ['敏感肌修护成分拆解', '防晒怎么选 成分党实测'],
    liveNow: false,
  },
  {
    displayName: '东北大花姐',
    sectors: ['frozen', 'food', 'fresh'],
    titles: ['东北年味 饺子粘豆包管够', '海鲜大集 舟山带鱼梭子蟹'],
    liveNow: false,
  },
  {
    displayName: '宅家好物君',
    sectors: ['electronics', 'custom', 'virtual'],
    titles: ['宅家神器 小家电一站购', '送礼不踩雷 定制礼物专场'],
    liveNow: false,
  },
];

/** Ops accounts: login, name, role. `admin` is the super admin of the demo. */
export const DEMO_OPS: readonly { login: string; displayName: string; role: OpsRole }[] = [
  { login: 'admin', displayName: '平台管理员', role: 'super_admin' },
  { login: 'reviewer', displayName: '审核专员-小王', role: 'reviewer' },
  { login: 'arbiter', displayName: '仲裁专员-老张', role: 'arbiter' },
  { login: 'ruleadmin', displayName: '规则管理员-阿敏', role: 'rule_admin' },
];

export const BUYER_COUNT = 50;

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈';
const GIVEN = '子涵欣怡梓萱一诺浩宇思远雨桐佳怡俊杰晓明婷婷志强秀英建国丽娜文博嘉懿若汐宇轩诗琪晨阳明轩可馨';

/** A plausible Chinese full name: surname plus one or two given-name characters. */
export function chineseName(random: Random): string {
  const given = Array.from({ length: random.int(1, 2) }, () => random.pick([...GIVEN])).join('');
  return random.pick([...SURNAMES]) + given;
}

/** A mainland mobile number shape (1[3-9] + 9 digits). */
export function mobileNumber(random: Random): string {
  return `1${random.int(3, 9)}${random.digits(9)}`;
}
