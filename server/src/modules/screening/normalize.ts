// Text normalisation before screening (product rules §6: "also written to evade: 微 信, V信, full-width
// digits, Chinese numerals"). Every rule here is a table; the code only walks the text once to fold
// characters, once over the tokens to convert number words and join what evasion pulled apart, and
// once to map variant spellings of contact apps to one canonical token.

/** Where each character of the normalised text came from: `map[i]` is an index into the original. */
export interface Normalized {
  text: string;
  map: number[];
}

// Look-alike characters folded after lower-casing, as "<from><to>" pairs: Cyrillic and Greek letters,
// Latin ones NFKC keeps, @ for a (wh@tsapp), ideographic dots in evaded links (abc。com), 〇 as 零,
// and the circled digits NFKC leaves alone (①–⑳ it already folds).
const HOMOGLYPH_PAIRS = [
  'аa вb еe ёe кk мm нh оo рp сc тt уy хx ѕs іi јj ԛq ԝw үy һh ӏl',
  'αa βb εe ηn ιi κk νv οo ρp τt υu χx ωw γy μu',
  'ıi ɡg ʋv ℓl @a 。. ·. ｡. 〇零 ⓪0 ⓿0',
  '❶1 ❷2 ❸3 ❹4 ❺5 ❻6 ❼7 ❽8 ❾9 ➀1 ➁2 ➂3 ➃4 ➄5 ➅6 ➆7 ➇8 ➈9 ➊1 ➋2 ➌3 ➍4 ➎5 ➏6 ➐7 ➑8 ➒9',
];
const HOMOGLYPHS: Record<string, string> = Object.fromEntries(
  HOMOGLYPH_PAIRS.join(' ')
    .split(' ')
    .map((pair) => [...pair] as [string, string]),
);

// Traditional characters of the words screened (電話, 衛星, 聯係, 頂級, 療效 …) → simplified, so a text
// written in traditional script, or switched to it to evade, meets the same lexicon.
const TRADITIONAL_PAIRS = [
  '電电 話话 聯联 係系 繫系 號号 轉转 賬账 帳账 碼码 買买 賣卖 價价 錢钱 給给 評评',
  '訴诉 報报 療疗 癒愈 醫医 藥药 壓压 腫肿 級级 國国 絕绝 僅仅 萬万 與与 闆板 廠厂',
  '戲戏 劇剧 窮穷 慘惨 虧亏 賠赔 還还 們们 這这 個个 顏颜 於于 當当 實实 經经 銷销',
  '熱热 顯显 見见 種种 過过 進进 發发 髮发 貨货 單单 點点 鏈链 網网 讓让 為为 無无',
  '開开 關关 騙骗 嗎吗 來来 對对 時时 後后 處处 專专 業业 產产 廣广 優优 團团 購购',
  '羣群 衛卫 維维 餵喂 純纯 減减 質质 問问 題题 則则 現现 紅红 費费 錯错 東东 車车',
  '寶宝 貝贝 頭头 條条 從从 應应 該该 說说 歡欢 權权 頂顶 強强 極极 獨独 選选 宮宫',
  '傳传 祕秘 護护 膚肤 皺皱 陽阳 壯壮 腎肾 證证 認认 準准 線线 帶带 體体 養养 場场',
  '鬧闹 飯饭 債债 滯滞 爺爷 親亲 麼么 裡里 裏里 贈赠 氣气 輕轻 歲岁 機机 撥拨 訊讯',
  '掃扫 鵝鹅 絡络 郵邮 靈灵 門门 鋪铺 圖图 頁页 簡简 戶户 員员 脫脱 癢痒 斷断 據据',
  '險险 諾诺 揚扬 嚴严 驗验',
];
const TRADITIONAL = new Map<number, string>(
  TRADITIONAL_PAIRS.join(' ')
    .split(' ')
    .map((pair) => [pair.charCodeAt(0), pair[1]!] as const),
);

/** Chinese digits (small and financial forms, 幺 as said in phone numbers) → ASCII digits, by code. */
const CHINESE_DIGITS = new Map<number, string>(
  ['零一二三四五六七八九', '零壹贰叁肆伍陆柒捌玖', '零幺貳參肆伍陸柒捌玖'].flatMap((row) =>
    [...row].map((ch, digit) => [ch.charCodeAt(0), String(digit)] as const),
  ),
);

const ENGLISH_DIGITS = new Map(
  'zero one two three four five six seven eight nine'.split(' ').map((word, digit) => [word, String(digit)]),
);

// A run of number words becomes digits only when it is long enough to be a contact number, so that
// 第一, 一下, 三件 and "one of two" keep their meaning.
const MIN_NUMBER_RUN = 4;
const MIN_ENGLISH_RUN = 3;

// Letters written inside digits to evade (138oo138ooo, 1380o1l8000).
const DIGIT_LETTERS: Record<string, string> = { o: '0', l: '1', i: '1' };

/** Top-level domains: a dot before one of these is kept, so links stay recognisable. */
const TLDS = new Set(
  'com cn net org top xyz vip cc io me shop link site info co tv ltd club store online hk tw'.split(' '),
);

/**
 * Variant spellings of contact apps → one canonical token (微信, qq). Matched on the joined text, so
 * "微 信", "V x" and "w e chat" are already "微信", "vx" and "wechat" when this runs.
 */
export const CANONICAL_VARIANTS: readonly { canonical: string; pattern: string }[] = [
  {
    canonical: '微信',
    pattern:
      '微信|威信|薇信|徽信|危信|维信|喂信|胃信|魏信|卫星|微芯|薇芯|威芯|徽芯|维芯|魏芯|卫芯|围信|绿泡泡|v信|v芯|微x|薇x|威x|wei信|微xin|' +
      '(?<![a-z])(?:vx|wx|weixin|wechat|we chat|wei xin|vchat|weix)(?![a-z])' +
      // glued to the id that follows it: vxtom_2023
      '|(?<![a-z])(?:vx|wx|weixin|wechat)(?=[a-z]+[0-9_-])',
  },
  {
    canonical: 'qq',
    pattern:
      '扣扣|抠抠|叩叩|蔻蔻|企鹅(?=号|群|联系|私聊|上|里|找|搜|加|[0-9])|(?<=加|私|扣|找|联系|上|搜)企鹅|(?<![a-z])q q(?![a-z])',
  },
  // rival marketplaces by nickname (某宝, 拼夕夕, 狗东, 小黄鱼): one name each, as the lexicon writes it
  { canonical: '淘宝', pattern: '某宝|桃宝|掏宝|陶宝|淘bao|tao bao' },
  { canonical: '拼多多', pattern: '拼夕夕|拼xx|拼dd|某多多|拼夕|pin duo duo' },
  { canonical: '京东', pattern: '狗东(?!西)|某东|j东' },
  { canonical: '闲鱼', pattern: '小黄鱼|某鱼' },
  { canonical: '抖音', pattern: '某音|抖因|抖阴|dou yin' },
  { canonical: '小红书', pattern: '小红薯|(?<!小)红书' },
  // 100% and 百分之百 are one claim (百分百有效)
  { canonical: '百分百', pattern: '(?<![\\d.])100%|百分之百' },
];
const variantsRegex = new RegExp(CANONICAL_VARIANTS.map((v) => `(${v.pattern})`).join('|'), 'g');
// Every variant has one of these characters: most texts skip the variants regex.
const VARIANT_START = /[微威薇徽危维喂胃魏卫围绿扣抠叩蔻企宝夕东鱼音书薯多百%vwqjtpd]/;

/**
 * Emoji that carry a word (issue 17: "meaningful emoji mapped rather than dropped"): the penguin is QQ,
 * a satellite dish WeChat (卫星 ≈ 微信), a phone 电话, money 钱; a heart right after "v" is 信 (v❤ = v信).
 * Other emoji are dropped like punctuation.
 */
export const EMOJI_WORDS: ReadonlyMap<string, string> = new Map(
  [
    '🐧 qq',
    '🛰 微信',
    '📡 微信',
    '📞 电话',
    '☎ 电话',
    '📱 电话',
    '📲 电话',
    '💰 钱',
    '💵 钱',
    '💴 钱',
    '💸 钱',
    '🧧 红包',
    '💯 百分百',
    '🥇 第一',
    '⭐ 星',
    '🌟 星',
    '★ 星',
    '☆ 星',
    '💊 药',
    '💉 药',
    '🖕 竖中指',
    '🐶 狗',
    '🐕 狗',
    '🐟 鱼',
    '🐠 鱼',
    '🏃 跑',
    '🔗 链接',
  ].map((pair) => pair.split(' ') as [string, string]),
);
const HEART_IN_V = /^\\\s*(?:❤|♥|♡|💗|💓|💕|💖|💚|💙|💜|🧡|💛|🤍|🖤)\ufe0f?\s*\//u;
/** A heart after these is 信 (薇❤ = 薇信 = 微信). */
const HEART_BEFORE = new Set([...'微薇威喂卫维魏徽']);
const HEARTS = new Set([...'❤♥♡💗💓💕💖💘💝💞💚💙💜🧡💛🤍🖤']);

enum Cls {
  Han = 1,
  Word = 2,
  Num = 3,
  Plus = 4,
}

interface Token {
  text: string;
  cls: Cls;
  /** The character code of a one-character token (Han characters are one token each). */
  code: number;
  /** Original index of each character of `text`. */
  src: number[];
  /** Separator characters before this token (none when it touches the previous one). */
  gap: string;
}

const isHan = (c: number) =>
  (c >= 0x4e00 && c <= 0x9fff) ||
  (c >= 0x3400 && c <= 0x4dbf) ||
  (c >= 0xf900 && c <= 0xfaff) ||
  c >= 0x20000;
const letterRe = /\p{L}/u;
const digitRe = /\p{Nd}/u;

/** Case, width, look-alikes: one character in, zero or more characters out. */
function foldChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : (HOMOGLYPHS[ch] ?? ch);
  if (c >= 0x4e00 && c <= 0x9fff) return ch;
  const mapped = HOMOGLYPHS[ch];
  if (mapped !== undefined) return mapped;
  const folded = ch.normalize('NFKC').toLowerCase();
  if (folded.length === 1 || folded !== ch) {
    let out = '';
    for (const part of folded) out += HOMOGLYPHS[part] ?? part;
    return out;
  }
  return folded;
}

function classify(ch: string): Cls | null {
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return Cls.Num;
  if (c >= 97 && c <= 122) return Cls.Word;
  if (c < 0x80) return ch === '%' ? Cls.Num : ch === '+' ? Cls.Plus : null;
  if (ch === '➕') return Cls.Plus;
  if (isHan(ch.codePointAt(0)!) || ch === '零') return Cls.Han;
  if (letterRe.test(ch)) return Cls.Word;
  if (digitRe.test(ch)) return Cls.Num;
  return null;
}

interface Tokens {
  list: Token[];
  last: Token | undefined;
  /** Separator characters seen since the last token. */
  gap: string;
  /** Which conversions can apply: skipped when the text gives them nothing to do. */
  chineseDigits: number;
  words: number;
  numbers: number;
}

function addChar(tokens: Tokens, ch: string, code: number, cls: Cls, at: number) {
  const last = tokens.last;
  if (last && tokens.gap === '' && last.cls === cls && cls !== Cls.Han && cls !== Cls.Plus) {
    last.text += ch;
    last.src.push(at);
  } else {
    const token = { text: ch, cls, code, src: [at], gap: tokens.gap };
    tokens.list.push(token);
    tokens.last = token;
    if (cls === Cls.Word) tokens.words++;
    else if (cls === Cls.Num) tokens.numbers++;
    else if (cls === Cls.Han && CHINESE_DIGITS.has(code)) tokens.chineseDigits++;
  }
  tokens.gap = '';
}

/** Splits the folded text into Han characters, letter runs, digit runs and '+' signs. */
function tokenize(input: string): Tokens {
  const tokens: Tokens = { list: [], last: undefined, gap: '', chineseDigits: 0, words: 0, numbers: 0 };
  for (let at = 0; at < input.length; at++) {
    const c = input.charCodeAt(at);
    // fast path: common Han characters and ASCII letters and digits need no folding
    if (c >= 0x4e00 && c <= 0x9fff) {
      const simplified = TRADITIONAL.get(c);
      if (simplified === undefined) addChar(tokens, input[at]!, c, Cls.Han, at);
      else addChar(tokens, simplified, simplified.charCodeAt(0), Cls.Han, at);
    } else if (c >= 97 && c <= 122) addChar(tokens, input[at]!, c, Cls.Word, at);
    else if (c >= 48 && c <= 57) addChar(tokens, input[at]!, c, Cls.Num, at);
    else {
      const wide = c >= 0xd800 && c <= 0xdbff && at + 1 < input.length;
      const ch = wide ? input.slice(at, at + 2) : input[at]!;
      if (c >= 0x2600 && addSymbol(tokens, input, ch, at)) {
        if (wide) at++;
        continue;
      }
      // a heart inside a v drawn with slashes (\❤/) is v信
      if (c === 92) {
        const drawn = HEART_IN_V.exec(input.slice(at, at + 8));
        if (drawn) {
          addWord(tokens, 'v', at);
          addChar(tokens, '信', '信'.charCodeAt(0), Cls.Han, at);
          at += drawn[0].length - 1;
          continue;
        }
      }
      // "#1" is "no 1" (a ranking); "#" before anything else is a hashtag, dropped
      if (c === 35 && input.charCodeAt(at + 1) === 49 && !isAsciiDigit(input.charCodeAt(at + 2))) {
        addWord(tokens, 'no', at);
        continue;
      }
      const folded = foldChar(ch);
      for (let k = 0; k < folded.length; k++) {
        const ch = folded[k]!;
        const cls = classify(ch);
        if (cls === null) tokens.gap += ch;
        else addChar(tokens, ch, ch.charCodeAt(0), cls, at);
      }
      if (wide) at++;
    }
  }
  return tokens;
}

const isAsciiDigit = (c: number) => c >= 48 && c <= 57;

/** A word an emoji stands for, as the tokens of that word (a Latin word kept apart from its neighbour). */
function addWord(tokens: Tokens, word: string, at: number) {
  if (tokens.last?.cls === Cls.Word && /[a-z]/.test(word[0]!) && tokens.gap === '') tokens.gap = ' ';
  for (const ch of word) addChar(tokens, ch, ch.charCodeAt(0), classify(ch)!, at);
}

/** An emoji that carries a word, or a heart after "v" or 薇; false when the symbol is to be dropped. */
function addSymbol(tokens: Tokens, input: string, ch: string, at: number): boolean {
  const word = EMOJI_WORDS.get(ch);
  if (word !== undefined) {
    addWord(tokens, word, at);
    return true;
  }
  if (
    HEARTS.has(ch) &&
    ((tokens.last?.cls === Cls.Word && tokens.last.text.endsWith('v')) ||
      (tokens.last?.cls === Cls.Han && HEART_BEFORE.has(tokens.last.text))) &&
    !/^[\ufe0f\s]*[信芯]/.test(input.slice(at + ch.length, at + ch.length + 4))
  ) {
    tokens.gap = '';
    addChar(tokens, '信', '信'.charCodeAt(0), Cls.Han, at);
    return true;
  }
  return false;
}

const asNumber = (t: Token, digits: string) => {
  t.text = digits;
  t.cls = Cls.Num;
  if (t.src.length !== digits.length) t.src = [...digits].map(() => t.src[0]!);
};

/** English digit words in runs of three or more ("one three eight") → digits. */
function convertEnglishDigits(tokens: Token[]) {
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    while (
      j < tokens.length &&
      tokens[j]!.cls === Cls.Word &&
      tokens[j]!.text.length <= 5 &&
      ENGLISH_DIGITS.has(tokens[j]!.text)
    )
      j++;
    if (j - i >= MIN_ENGLISH_RUN)
      for (let k = i; k < j; k++) asNumber(tokens[k]!, ENGLISH_DIGITS.get(tokens[k]!.text)!);
    i = Math.max(j, i + 1);
  }
}

/** Chinese numerals mixed with digits, in runs long enough to be a number ("一三八 0013 捌零零零"). */
function convertChineseDigits(tokens: Token[]) {
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    let count = 0;
    let chinese = 0;
    while (j < tokens.length) {
      const t = tokens[j]!;
      if (t.cls === Cls.Han && CHINESE_DIGITS.has(t.code)) chinese++;
      else if (t.cls !== Cls.Num) break;
      count += t.text.length;
      j++;
    }
    if (chinese > 0 && count >= MIN_NUMBER_RUN) {
      for (let k = i; k < j; k++) {
        const t = tokens[k]!;
        if (t.cls === Cls.Han) asNumber(t, CHINESE_DIGITS.get(t.code)!);
      }
    }
    i = Math.max(j, i + 1);
  }
}

/** o / l / i written among digits (138oo138ooo) → 0 / 1. */
function convertDigitLetters(tokens: Token[]) {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.cls !== Cls.Word || t.text.length > 4) continue;
    const next = tokens[i + 1];
    const afterNumber = i > 0 && tokens[i - 1]!.cls === Cls.Num;
    // leading too (l38OOl38OOO), when glued to the digits that follow and not to a word before
    const beforeNumber =
      next?.cls === Cls.Num &&
      next.gap === '' &&
      next.text.length >= 2 &&
      !(i > 0 && tokens[i - 1]!.cls === Cls.Word && t.gap === '');
    if (!afterNumber && !beforeNumber) continue;
    if (next && next.cls !== Cls.Num && next.gap === '') continue;
    let digits = '';
    for (const ch of t.text) digits += DIGIT_LETTERS[ch] ?? 'x';
    if (!digits.includes('x')) asNumber(t, digits);
  }
}

const DOT_GAP = /^[\s.。]*\.[\s.。]*$/;
const ID_JOINERS = new Set(['_', '-']);

/**
 * What goes between two tokens that a separator divided: nothing between Han characters, digits or
 * single letters (the inserted spacing of evasion), a dot before a domain ending, the '_' or '-' inside
 * an id, otherwise one space so English words keep their boundaries.
 */
function joiner(a: Token, b: Token): string {
  if (b.gap === '') return '';
  if (a.cls === Cls.Han || b.cls === Cls.Han) return '';
  if (a.cls === Cls.Num && b.cls === Cls.Num) return '';
  if (a.text.length === 1 && b.text.length === 1) return '';
  if (b.cls === Cls.Word && TLDS.has(b.text) && DOT_GAP.test(b.gap)) return '.';
  if (ID_JOINERS.has(b.gap) && (a.cls === Cls.Word || b.cls === Cls.Word)) return b.gap;
  return ' ';
}

/**
 * Normalises a text for screening: NFKC (full width → half width, ① → 1, Ⅰ → i), lower case,
 * look-alike letters, traditional characters of screened words simplified, zero-width characters, emoji and punctuation dropped, spacing inserted between
 * characters removed, Chinese and English number words in long runs turned into digits, and variant
 * spellings of contact apps (V信, vx, 薇信, 卫星 …) turned into one token. `map` points each character
 * back into the original text, for spans.
 */
export function normalizeText(input: string): Normalized {
  const { list: tokens, chineseDigits, words, numbers } = tokenize(input);
  if (words >= MIN_ENGLISH_RUN) convertEnglishDigits(tokens);
  if (chineseDigits > 0) convertChineseDigits(tokens);
  if (words > 0 && numbers > 0) convertDigitLetters(tokens);

  let text = '';
  const map: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.cls === Cls.Plus) {
      // "+v", "➕微" mean 加; "+86" is a phone prefix and goes with the number.
      const next = tokens[i + 1];
      if (!next || next.cls === Cls.Num) continue;
      t.text = '加';
      t.cls = Cls.Han;
    }
    const prev = i > 0 ? tokens[i - 1] : undefined;
    if (prev && text !== '') {
      const glue = joiner(prev, t);
      for (const ch of glue) {
        text += ch;
        map.push(t.src[0]!);
      }
    }
    text += t.text;
    for (const at of t.src) map.push(at);
  }
  return canonicalize(text, map);
}

const HAN_SPACE = /(?<=[\u4e00-\u9fff]) | (?=[\u4e00-\u9fff])/;

/** Variant spellings → canonical tokens, keeping the map in step. */
function canonicalize(text: string, map: number[]): Normalized {
  variantsRegex.lastIndex = 0;
  if (!VARIANT_START.test(text) || !variantsRegex.test(text)) return { text, map };
  variantsRegex.lastIndex = 0;
  let out = '';
  const outMap: number[] = [];
  let last = 0;
  for (const m of text.matchAll(variantsRegex)) {
    const start = m.index;
    out += text.slice(last, start);
    outMap.push(...map.slice(last, start));
    const which = m.slice(1).findIndex((g) => g !== undefined);
    const canonical = CANONICAL_VARIANTS[which]!.canonical;
    out += canonical;
    for (let k = 0; k < canonical.length; k++)
      outMap.push(map[Math.min(start + k, start + m[0].length - 1)]!);
    last = start + m[0].length;
  }
  out += text.slice(last);
  outMap.push(...map.slice(last));
  // "vx abc123" became "微信 abc123": drop the space a Han token now touches
  if (!out.includes(' ') || !HAN_SPACE.test(out)) return { text: out, map: outMap };
  let joined = '';
  const joinedMap: number[] = [];
  for (let i = 0; i < out.length; i++) {
    if (out[i] === ' ' && (isHanAt(out, i - 1) || isHanAt(out, i + 1))) continue;
    joined += out[i];
    joinedMap.push(outMap[i]!);
  }
  return { text: joined, map: joinedMap };
}

const isHanAt = (s: string, i: number) => i >= 0 && i < s.length && isHan(s.charCodeAt(i));
