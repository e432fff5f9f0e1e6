// What a lexicon hit means where it stands (product rules §6.1): a claim that is negated ("不是最好的",
// "not a cure"), the legally required disclaimer of health food ("本品不能代替药物治疗疾病"), or a fact
// (第一部, 世界第一高峰, 国家级自然保护区) is shown but not counted. Each rule is a table over the
// normalised text (no spaces between Chinese characters, single spaces between English words).
import type { Category } from './lexicon.ts';

/** Why a hit does not count. */
export const NOT_COUNTED = ['negated', 'disclaimer', 'not_on_surface', 'fact'] as const;
export type NotCounted = (typeof NOT_COUNTED)[number];

/** Categories whose hits a negation right before them cancels (extortion's "不给…就差评" is a threat). */
const NEGATABLE = new Set<Category>(['medical_claim', 'absolute_terms', 'false_advertising', 'off_platform']);

// Chinese: a negator, then at most a modal or a light verb, ending right where the hit starts.
// "不能治疗", "并不能根治", "不是最好的", "没有抗癌作用" → negated; "不打针不吃药就能治愈" is not
// (就能 stands between the negator and the hit).
const ZH_NEGATION =
  /(?:不|没|没有|无|无法|非|并非|未|别|勿|绝不|从不|从没|并不|并没有|不得|谈不上|算不上|称不上)(?:是|能|可|可以|会|敢|具有|具备|用于|宣传|承诺|保证|说|号称|声称|作为|属于|等于|代表|一定|那么|算|就)?(?:任何|什么|所谓的?|啥)?$/;
// (不用 and 不要 are left out: "喝这个就不用治疗了" claims to replace a treatment)
// For off-platform invitations only a refusal counts: "不加微信", "请勿私下交易", "不要私聊".
const ZH_REFUSAL = /(?:不|别|勿|请勿|不要|不用|不能|不可以|不接受|不支持|拒绝|禁止|严禁|谢绝|从不)$/;
// English: a negator at most two words before the hit ("not a cure", "does not treat", "no cure for").
const EN_NEGATION =
  /(?:^| )(?:not|no|never|cannot|can t|don t|doesn t|isn t|aren t|won t|didn t|wasn t|nor|neither)(?: [a-z]+){0,2} $/;
const EN_REFUSAL =
  /(?:^| )(?:never|don t|do not|please don t|please do not|we don t|we do not|no)(?: [a-z]+){0,1} $/;

/** Disclaimers: every hit inside one is shown, not counted. */
const DISCLAIMERS = new RegExp(
  [
    // 保健食品 must print 本品不能代替药物 (and variants that name the disease treatment)
    '(?:本品|本产品|该产品|此产品|保健食品|保健品|食品|化妆品)?(?:不能|不可|不得|不可以|不宜|不)(?:代替|替代|取代)(?:药物|药品|医生|治疗)(?:治疗疾病|治疗|使用)?(?:疾病)?',
    '(?:不具有|不具备|无|没有)(?:任何)?(?:疾病)?(?:治疗|预防|医疗|药用)(?:疾病)?(?:的)?(?:作用|功能|功效|效果)',
    '(?:不能|不可|不)(?:用于|作为)(?:治疗|诊断|预防)(?:疾病)?',
    '(?:不以|非以)(?:治疗|预防)疾病为目的',
    '(?:本品|本产品)?(?:非药品|不是药品|不是药物)',
    '(?:如有|若有)(?:疾病|不适)[^。]{0,6}(?:就医|遵医嘱|咨询医生)',
    '(?:is |are )?not intended to (?:diagnose|treat|cure|prevent|mitigate)(?:[a-z ,]{0,40}(?:disease|condition)s?)?',
    '(?:is |are )?not (?:a )?(?:substitute|replacement) for (?:medical|medicine|medication|professional)[a-z ]{0,30}',
    'not evaluated by the (?:fda|food and drug administration)',
  ].join('|'),
  'g',
);

/** Facts and proper names that contain a screened word: 第一部, 世界第一高峰, 国家级自然保护区. */
const FACTS = new RegExp(
  [
    '(?:世界|全球|中国|亚洲)?第一高峰|世界最高峰|最高峰|珠穆朗玛峰',
    '第一(?:部|季|卷|册|课|节|届|代|章|回|集|次|版|任|人民医院|中学|小学|医院|附属医院|书记|夫人|作者|视角|人称|手资料|手消息|手信息)',
    '(?:世界|中国|国内|全国)第一(?:部|次|个|位|座|条|颗|家|所|台|艘|架|辆|枚|届)',
    '国家级(?:自然保护区|保护区|非物质文化遗产|非遗(?:项目|名录|代表性项目|传承人)|风景名胜区|文物保护单位|重点文物|保护动物|重点保护|一级保护|二级保护|贫困县|历史文化名城|湿地公园|森林公园|地质公园|传承人|非遗传承人|高新技术企业|高新区|专精特新|重点实验室|运动员|运动健将|裁判|示范区|经济技术开发区|开发区|新区|农业产业化|龙头企业|5a|4a|景区|荣誉|媒体)',
    '世界级(?:非物质文化遗产|非遗|文化遗产|自然遗产|遗产|地质公园)',
    '世界(?:文化|自然)遗产',
    '最高(?:人民法院|人民检察院|法院|检察院|气温|温度|时速)|最低(?:气温|温度|工资|消费|起订)',
    'world s (?:highest|tallest|largest|longest|deepest) (?:mountain|peak|building|river|ocean|lake)',
  ].join('|'),
  'g',
);

/** [start, end) ranges of the normalised text a table matches. */
function ranges(regex: RegExp, text: string): [number, number][] {
  const found: [number, number][] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0] === '') {
      regex.lastIndex++;
      continue;
    }
    found.push([m.index, m.index + m[0].length]);
  }
  return found;
}

/** Why a hit at [start, end) of the normalised text does not count (shape: a built-in contact pattern, which no refusal cancels), or null. */
export interface ScopeReader {
  why(category: Category, start: number, end: number, shape: boolean): NotCounted | null;
}

/** Reads the normalised text's disclaimers and facts lazily (most texts have no hit to ask about). */
export function scopeOf(normalized: string): ScopeReader {
  let disclaimers: [number, number][] | undefined;
  let facts: [number, number][] | undefined;
  const inside = (list: [number, number][], start: number, end: number) =>
    list.some(([s, e]) => start < e && end > s && start >= s - 2 && end <= e + 2);
  return {
    why(category, start, end, shape) {
      if (category === 'medical_claim' || category === 'false_advertising') {
        disclaimers ??= ranges(DISCLAIMERS, normalized);
        if (disclaimers.length > 0 && inside(disclaimers, start, end)) return 'disclaimer';
      }
      if (category === 'absolute_terms') {
        facts ??= ranges(FACTS, normalized);
        if (facts.length > 0 && inside(facts, start, end)) return 'fact';
      }
      if (!NEGATABLE.has(category)) return null;
      const before = normalized.slice(Math.max(0, start - 12), start);
      const english = /[a-z]/.test(normalized[start] ?? '');
      if (category === 'off_platform') {
        // a phone number or an id is a contact detail whatever stands before it
        if (shape) return null;
        return (english ? EN_REFUSAL : ZH_REFUSAL).test(before) ? 'negated' : null;
      }
      return (english ? EN_NEGATION : ZH_NEGATION).test(before) ? 'negated' : null;
    },
  };
}
