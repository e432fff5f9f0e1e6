import type { Tx } from '../platform/db.ts';
import { chineseName, mobileNumber } from './demo-people.ts';
import type { Random } from './random.ts';
import type { SeededShop } from './seed-shops.ts';

// Where each demo shop ships from (county code of @vant/area-data, street): near what it sells.
const WAREHOUSES: Record<string, [string, string]> = {
  鲜丰果园: ['360702', '水西镇 赣南果品冷链物流园 3 号库'],
  赣南脐橙合作社: ['360703', '龙回镇 脐橙产业园 合作社分拣中心'],
  海南热带果坊: ['460105', '长流镇 热带水果集散中心 B 区 12 号'],
  舟山海鲜码头: ['330902', '沈家门渔港路 88 号 冷链仓'],
  三只松鼠官方旗舰店: ['340202', '三只松鼠路 1 号 坚果物流中心'],
  云岭茶园: ['530102', '龙泉路 茶叶仓储中心 6 号仓'],
  川味坊调味: ['510104', '东大街 调味品产业园 2 栋'],
  京味糕点铺: ['110102', '牛街 糕点加工坊 1 号'],
  北国冰淇淋工坊: ['230104', '道外区 冷饮产业园 A3 冷库'],
  东北饺子馆: ['210102', '南京南街 速冻食品仓 5 号'],
  珀莱雅官方旗舰店: ['330110', '仓前街道 珀莱雅电商仓'],
  薇诺娜官方旗舰店: ['530102', '滇池路 薇诺娜物流中心'],
  花间集美妆: ['330106', '文一西路 美妆集货仓 3 楼'],
  国货美妆优选: ['330110', '良渚街道 云仓 12 号库'],
  李宁官方旗舰店: ['440118', '永宁街道 李宁华南物流中心'],
  杭派女装工作室: ['330106', '九堡服装城 四季青分仓 2 楼'],
  棉里棉气基础款: ['320583', '花桥镇 电商产业园 7 号库'],
  温州鞋城: ['330304', '娄桥街道 鞋业基地 3 号楼'],
  小米官方旗舰店: ['440306', '福永街道 小米华南仓'],
  华强北数码港: ['440304', '华强北路 赛格广场 28 楼'],
  家电优选馆: ['310112', '莘庄工业区 家电仓储中心'],
  闲机优品: ['440303', '东门街道 验机中心 5 楼'],
  换新机二手严选: ['350206', '湖里大道 数码检测中心'],
  充值快车: ['310115', '张江高科 虚拟商品服务中心'],
  刻字匠人定制: ['330106', '西溪路 手作工作室 2 号'],
};

// Buyers live all over China, remote regions (新疆, 西藏) among them for the shipping rules.
const HOMES: readonly [string, string][] = [
  ['110105', '建国路 87 号 华贸公寓 3 号楼 1502'],
  ['110108', '中关村大街 27 号 中关村大厦 1208'],
  ['310104', '漕溪北路 398 号 汇智大厦 9 楼'],
  ['310115', '世纪大道 1568 号 中建大厦 23 层'],
  ['440106', '天河路 385 号 太古汇公寓 2 座 801'],
  ['440305', '科技园南区 深圳湾科技生态园 10 栋 A 座'],
  ['330106', '文三路 478 号 华星时代广场 A 座 1201'],
  ['330108', '江南大道 3850 号 创新大厦 6 楼'],
  ['320106', '中山北路 105 号 中环国际 1706'],
  ['320505', '狮山路 88 号 金狮大厦 15 楼'],
  ['510107', '人民南路四段 9 号 3 单元 602'],
  ['420106', '中北路 109 号 中商广场 B 座 2103'],
  ['610113', '小寨东路 126 号 百隆广场 1 号楼 901'],
  ['500105', '北城天街 8 号 北城国际中心 2 栋 11-3'],
  ['370212', '海尔路 180 号 大荣中心 A 座 802'],
  ['350203', '湖滨南路 90 号 立信广场 18 楼'],
  ['430104', '麓山南路 932 号 中南大学 新校区 教师公寓 5 栋'],
  ['120101', '南京路 219 号 天津中心 26 层'],
  ['410105', '花园路 39 号 国贸中心 B 座 1505'],
  ['340104', '长江西路 669 号 嘉和花园 4 栋 302'],
  ['450103', '民族大道 136 号 华润大厦 C 座 1102'],
  ['230103', '西大直街 92 号 哈工大 一校区 家属楼 8 单元'],
  ['460106', '滨海大道 105 号 百方广场 1203'],
  ['650102', '解放北路 192 号 天山商厦 公寓 7 楼'],
  ['540102', '北京中路 31 号 布达拉宫广场 东侧 阳光小区 3 栋'],
];

/**
 * Every demo buyer gets one or two addresses (the first the default; a second, for a relative, at
 * work or home), every shop a warehouse and a return address (DOMAIN.md §9).
 */
export async function insertAddresses(
  tx: Tx,
  random: Random,
  now: Date,
  shops: readonly SeededShop[],
): Promise<{ buyerAddresses: number; shopAddresses: number }> {
  const buyers = await tx
    .selectFrom('users')
    .select(['id', 'displayName', 'phone'])
    .where('kind', '=', 'buyer')
    .orderBy('id')
    .execute();
  const rows = buyers.flatMap((buyer) => {
    const count = random.chance(0.4) ? 2 : 1;
    // The default is somewhere every demo shop delivers to (the cold chain does not go to 西藏), so
    // the demo's own orders go through; a second address may be anywhere.
    const home = random.pick(HOMES.filter(([code]) => !code.startsWith('54')));
    const homes = count === 1 ? [home] : [home, random.pick(HOMES.filter((h) => h !== home))];
    return homes.map(([regionCode, detail], i) => ({
      buyerId: buyer.id,
      recipient: i === 0 ? buyer.displayName.slice(0, 25) : chineseName(random),
      phone: i === 0 && buyer.phone ? buyer.phone : mobileNumber(random),
      regionCode,
      detail,
      isDefault: i === 0,
      createdAt: now,
      updatedAt: now,
    }));
  });
  if (rows.length > 0) await tx.insertInto('buyerAddresses').values(rows).execute();

  const shopRows = shops.flatMap((shop) => {
    const [regionCode, detail] = WAREHOUSES[shop.def.name] ?? ['330110', '良渚街道 云仓 1 号库'];
    const returnsClerk = shop.def.staff?.replace(/（.*）$/, '') ?? shop.def.owner;
    return [
      {
        shopId: shop.id,
        kind: 'warehouse' as const,
        recipient: shop.def.owner,
        phone: mobileNumber(random),
        regionCode,
        detail,
        updatedAt: now,
      },
      {
        shopId: shop.id,
        kind: 'return' as const,
        recipient: `${returnsClerk}（售后）`.slice(0, 25),
        phone: mobileNumber(random),
        regionCode,
        detail: `${detail} 售后退货处`,
        updatedAt: now,
      },
    ];
  });
  if (shopRows.length > 0) await tx.insertInto('shopAddresses').values(shopRows).execute();
  return { buyerAddresses: rows.length, shopAddresses: shopRows.length };
}
