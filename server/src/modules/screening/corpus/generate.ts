import { CATEGORIES, type Category } from '../lexicon.ts';
import { SURFACE_PROFILES, SURFACES, type Surface } from '../surfaces.ts';
import { expand } from './expand.ts';
import { type Rng, rng } from './random.ts';
import { CLEAN, CONTEXT, POSITIVE, type TemplateGroup } from './templates.ts';
import { COMMON_EN, COMMON_ZH, VOCAB } from './vocab.ts';

/** One labelled text of the training corpus. */
export interface CorpusRow {
  text: string;
  surface: Surface;
  /** The categories the text carries on its surface ([] = clean there). */
  labels: Category[];
  lang: 'zh' | 'en';
  /** A clean text written to look like a prohibited one (negation, facts, honest opinions…). */
  tricky: boolean;
  /** Whether an evasion transform was applied. */
  evasive: boolean;
  /** The template the text was written from ('' for everyday words and repetitions): calibration folds. */
  template: string;
}

/**
 * The categories each surface is screened for (the screener's surface profiles): the labels a row
 * carries there and the thresholds the model is calibrated for. A buyer's review or chat is not
 * advertising (claims, superlatives and hype there are opinions); sellers do not extort in titles,
 * listings or captions.
 */
export const SURFACE_CATEGORIES: Readonly<Record<Surface, readonly Category[]>> = Object.fromEntries(
  SURFACES.map((surface) => [surface, SURFACE_PROFILES[surface].categories]),
) as Record<Surface, readonly Category[]>;

export const CORPUS_SEED = 17;
export const CORPUS_SIZE = 36_000;

// How often a prohibited text of each category is drawn (the forms of some are more varied).
const CATEGORY_WEIGHT: Record<Category, number> = {
  off_platform: 2.2,
  false_advertising: 1,
  medical_claim: 1.4,
  absolute_terms: 1.2,
  hype: 1,
  extortion: 1.2,
  vulgarity: 0.9,
  fake_giveaway: 1,
  recycling_scam: 0.9,
};

const DECOR = ['🌸', '✨', '🔥', '👉', '😊', '💰', '❤️', '⭐', '🎁', '💯', '～', '！', '…', '~'];
const SPACERS = [' ', ' ', '-', '*', '/', '.', '🌸', '\u200b', '、', '|', '_'];
const TRADITIONAL: Record<string, string> = Object.fromEntries(
  '电電 话話 联聯 系係 号號 买買 卖賣 医醫 疗療 价價 钱錢 给給 评評 诉訴 报報 级級 国國 绝絕 万萬 这這 们們 发發 货貨 单單 点點 链鏈 网網 为為 无無 开開 关關 骗騙 专專 业業 购購 减減 质質 问問 现現 费費 宝寶 头頭 说說 强強 极極 独獨 选選 传傳 护護 肤膚 证證 认認 线線 体體 养養 场場 债債 亲親 气氣 机機 扫掃 鹅鵝 码碼 图圖 页頁 户戶 员員 验驗 回迴 收收 奖獎 鉴鑑 黄黃 银銀 币幣'
    .split(' ')
    .map((pair) => [...pair] as [string, string]),
);
const HOMOPHONES: readonly [string, readonly string[]][] = [
  ['差评', ['cp', '差p', 'cha评', '插评', '差坪']],
  ['投诉', ['tou诉', '偷诉', 'ts']],
  ['曝光', ['bao光', '爆光', '暴光']],
  ['红包', ['hb', '红b', '洪包']],
  ['退款', ['tui款', '退k']],
  ['电话', ['电hua', '店话', 'dh']],
  ['加我', ['伽我', '+我', '家我', 'jia我']],
  ['私聊', ['si聊', '私l', '丝聊']],
  ['治疗', ['zhi疗', '冶疗']],
  ['根治', ['根zhi', '跟治']],
  ['回收', ['hui收', '回s', '囬收']],
  ['免单', ['免dan', '勉单']],
  ['傻逼', ['shabi', '傻b', '沙比', '傻批']],
  ['他妈的', ['他喵的', 'ta妈的', '特么的']],
  ['第一', ['di一', 'No1']],
  ['最好', ['zui好', '醉好']],
  ['淘宝', ['tao宝', '掏宝']],
  ['抽奖', ['chou奖', '抽j']],
];

/** Rewrites part of a text the way people evade filters (spacing, symbols, script, homophones). */
export function evade(text: string, lang: 'zh' | 'en', r: Rng): string {
  const kind = r.int(lang === 'zh' ? 8 : 6);
  const chars = [...text];
  switch (kind) {
    case 0: {
      // separators between the characters of a stretch
      const start = r.int(Math.max(1, chars.length - 2));
      const length = 2 + r.int(6);
      const sep = r.pick(SPACERS);
      return chars.map((ch, i) => (i > start && i <= start + length ? sep + ch : ch)).join('');
    }
    case 1: {
      // decoration dropped in
      const at = r.int(chars.length + 1);
      chars.splice(at, 0, r.pick(DECOR));
      return r.chance(0.5) ? `${chars.join('')}${r.pick(DECOR)}` : chars.join('');
    }
    case 2:
      // full-width letters and digits
      return chars
        .map((ch) =>
          /[0-9A-Za-z]/.test(ch) && r.chance(0.7) ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch,
        )
        .join('');
    case 3:
      if (lang === 'en') return chars.map((ch) => (r.chance(0.5) ? ch.toUpperCase() : ch)).join('');
      return chars.map((ch) => TRADITIONAL[ch] ?? ch).join('');
    case 4:
      if (lang === 'en') {
        const leet: Record<string, string> = { o: '0', e: '3', a: '@', i: '1', s: '$' };
        return chars.map((ch) => (leet[ch] && r.chance(0.4) ? leet[ch] : ch)).join('');
      }
      return homophone(text, r);
    case 5:
      if (lang === 'en') return noise(chars, ['', 'uh ', 'lol ', 'pls ', '!!'], r);
      return homophone(text, r);
    case 6:
      return noise(chars, ['啊', '呀', '哈', '嘛', '的', '呢', '哦', '～'], r);
    default: {
      const sep = r.pick(SPACERS);
      return chars.join(sep);
    }
  }
}

/** A typo or a filler: a character dropped, doubled, or a particle slipped in. */
function noise(chars: string[], fillers: readonly string[], r: Rng): string {
  const out = [...chars];
  const at = r.int(out.length);
  const what = r.int(3);
  if (what === 0 && out.length > 6 && !/\d/.test(out[at]!)) out.splice(at, 1);
  else if (what === 1) out.splice(at, 0, out[at]!);
  else out.splice(at, 0, r.pick(fillers));
  return out.join('');
}

function homophone(text: string, r: Rng): string {
  const found = HOMOPHONES.filter(([word]) => text.includes(word));
  if (found.length === 0) return evade(text, 'zh', r);
  const [word, variants] = r.pick(found);
  return text.replace(word, r.pick(variants));
}

// A group of several categories is drawn less often: its few templates would repeat.
const weightOf = (group: TemplateGroup, category: Category) =>
  group.labels.includes(category) ? (group.labels.length === 1 ? 1 : 0.1) : 0;

function pickWeighted<T>(items: readonly T[], weight: (item: T) => number, r: Rng): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let x = r.next() * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items[items.length - 1]!;
}

const ORDINARY_CLEAN = CLEAN.filter((g) => !g.tricky);
const TRICKY_CLEAN = CLEAN.filter((g) => g.tricky);

function labelsOn(group: TemplateGroup, surface: Surface): Category[] {
  return group.labels.filter((c) => SURFACE_CATEGORIES[surface].includes(c));
}

/** Everyday words strung together: text of no particular shape that means nothing to screening. */
function randomWords(lang: 'zh' | 'en', r: Rng): string {
  const words = lang === 'zh' ? COMMON_ZH : COMMON_EN;
  const n = 2 + r.int(7);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(r.pick(words));
  if (lang === 'en') return out.join(' ');
  // Chinese: mostly run together, sometimes a comma or a space
  return out.map((w, i) => (i > 0 && r.chance(0.15) ? r.pick(['，', ' ', '。']) + w : w)).join('');
}

/** A sentence of ordinary clean talk on a surface, in a language. */
function cleanSentence(surface: Surface, lang: 'zh' | 'en', r: Rng): string {
  if (r.chance(0.3)) return randomWords(lang, r);
  const groups = ORDINARY_CLEAN.filter((g) => g.lang === lang && g.surfaces.includes(surface));
  const group = r.pick(groups);
  return expand(r.pick(group.templates), VOCAB, r);
}

function withContext(text: string, surface: Surface, lang: 'zh' | 'en', r: Rng): string {
  if (lang === 'zh' && r.chance(0.3)) {
    const { before, after } = CONTEXT[surface];
    return `${r.pick(before)}${text}${r.pick(after)}`;
  }
  if (r.chance(0.25)) {
    const other = cleanSentence(surface, lang, r);
    const glue = lang === 'zh' ? r.pick(['，', '。', ' ', '！']) : r.pick(['. ', ', ', '! ']);
    return r.chance(0.5) ? `${other}${glue}${text}` : `${text}${glue}${other}`;
  }
  return text;
}

function positiveRow(r: Rng): CorpusRow {
  const category = pickWeighted(CATEGORIES, (c) => CATEGORY_WEIGHT[c], r);
  const lang = r.chance(0.7) ? 'zh' : 'en';
  const groups = POSITIVE.filter((g) => g.lang === lang && g.labels.includes(category));
  const group = pickWeighted(groups.length > 0 ? groups : POSITIVE, (g) => weightOf(g, category), r);
  // a surface where the text counts, but the surface-dependent groups go anywhere they are written
  const counted = group.surfaces.filter((s) => labelsOn(group, s).length > 0);
  const surface = r.pick(
    group.labels.length === 1 && counted.length < group.surfaces.length ? group.surfaces : counted,
  );
  const template = r.pick(group.templates);
  let text = expand(template, VOCAB, r);
  let labels = labelsOn(group, surface);
  let evasive = false;
  // now and then a second prohibited text said on the same surface
  if (r.chance(0.06)) {
    const second = r.pick(POSITIVE.filter((g) => g.lang === group.lang && g.surfaces.includes(surface)));
    text += lang === 'zh' ? r.pick(['，', ' ', '！']) : r.pick([', ', '. ']);
    text += expand(r.pick(second.templates), VOCAB, r);
    labels = [...new Set([...labels, ...labelsOn(second, surface)])];
  }
  text = withContext(text, surface, group.lang, r);
  if (r.chance(0.35)) {
    text = evade(text, group.lang, r);
    evasive = true;
  }
  return { text, surface, labels: sortLabels(labels), lang: group.lang, tricky: false, evasive, template };
}

// Characters and pairs people repeat in a live room (and a few that mean something once, which a
// repetition of them does not): 哈哈哈哈, 666666, 1111, aaaa, 微微微微…
const REPEATED = [
  ...'哈啊好赞冲来顶呜嘿嘻哇嗯哦呀字微加最治滚送收药钱买卖的了是6189avqxokz!?。～',
  '👍',
  '❤️',
  '🔥',
  '哈哈',
  '666',
  '好的',
  '来了',
  '冲鸭',
  'ha',
];

/** One character or a short pair repeated, as viewers spam a live room: clean on every surface. */
function repetition(r: Rng): string {
  const unit = r.pick(REPEATED);
  const times = 2 + r.int(r.chance(0.5) ? 12 : 80);
  return unit.repeat(times);
}

function cleanRow(r: Rng): CorpusRow {
  if (r.chance(0.04)) {
    const surface = r.pick(SURFACES);
    return {
      text: repetition(r),
      surface,
      labels: [],
      lang: 'zh',
      tricky: false,
      evasive: false,
      template: '',
    };
  }
  if (r.chance(0.2)) {
    // everyday words in any order, on any surface
    const lang = r.chance(0.65) ? 'zh' : 'en';
    const surface = r.pick(SURFACES);
    const text = randomWords(lang, r);
    return { text, surface, labels: [], lang, tricky: false, evasive: false, template: '' };
  }
  const group = r.pick(r.chance(0.5) ? ORDINARY_CLEAN : TRICKY_CLEAN);
  const surface = r.pick(group.surfaces);
  const template = r.pick(group.templates);
  let text = withContext(expand(template, VOCAB, r), surface, group.lang, r);
  const evasive = r.chance(0.1);
  if (evasive) text = evade(text, group.lang, r);
  return { text, surface, labels: [], lang: group.lang, tricky: group.tricky === true, evasive, template };
}

const sortLabels = (labels: Category[]) => CATEGORIES.filter((c) => labels.includes(c));

/**
 * The training corpus: about half prohibited texts (templates × vocabularies × evasions, on the
 * surfaces they are written on), half clean (ordinary and tricky). Deterministic in the seed;
 * a text repeated on the same surface is kept once.
 */
export function generateCorpus(seed = CORPUS_SEED, size = CORPUS_SIZE): CorpusRow[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const rows: CorpusRow[] = [];
  let clean = 0;
  // half the rows are drawn clean (a prohibited template landing where it does not count adds more)
  for (let attempt = 0; rows.length < size && attempt < size * 8; attempt++) {
    const row =
      clean < size / 2 && (clean <= rows.length - clean || r.chance(0.5)) ? cleanRow(r) : positiveRow(r);
    const key = `${row.surface}\t${row.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push(row);
    if (row.labels.length === 0) clean++;
  }
  return rows;
}
