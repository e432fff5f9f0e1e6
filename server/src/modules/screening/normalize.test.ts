import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it.each([
    // width, case, look-alikes
    ['full-width letters and digits', 'ＡＢＣ１２３４５', 'abc12345'],
    ['circled and dingbat digits', '①③⑧ ❶❸❽', '138138'],
    ['Roman numeral', 'Ⅰ love it', 'i love it'],
    ['Cyrillic look-alikes', 'wеchаt', '微信'],
    ['Greek look-alikes', 'νx', '微信'],
    ['@ for a', 'wh@tsapp', 'whatsapp'],
    ['traditional characters', '打我電話，衛星號', '打我电话微信号'],
    // separators inserted to evade
    ['spaces between Chinese characters', '加 微 信', '加微信'],
    ['zero-width space', '微\u200b信', '微信'],
    ['emoji between characters', '微😀信号', '微信号'],
    ['punctuation between characters', '私.聊-我', '私聊我'],
    ['spaced digits', '1 3 8 0 0 1 3 8 0 0 0', '13800138000'],
    ['grouped digits', '138-0013-8000', '13800138000'],
    ['single letters spaced out', 'w e c h a t', '微信'],
    ['English words keep their spaces', 'the best product', 'the best product'],
    ['a dot before a domain ending is kept', 'www . abc 。com', 'www abc.com'],
    ['an id keeps its underscore', 'vx: tom_2023', '微信tom_2023'],
    // number words
    ['Chinese numerals in a long run', '一三八零零一三八零零零', '13800138000'],
    ['financial numerals mixed with digits', '壹叁捌 0013 捌零零零', '13800138000'],
    ['幺 and 〇', '幺三八〇〇幺三八〇〇〇', '13800138000'],
    ['short Chinese numerals stay words', '第一次买，三件一起', '第一次买三件一起'],
    ['English digit words in a run', 'one three eight zero zero', '13800'],
    ['a lone English number word stays', 'one of the best', 'one of the best'],
    ['letters among digits', '138oo138ooo', '13800138000'],
    ['letters leading digits', 'l38OOl38OOO', '13800138000'],
    ['a model name keeps its letter', 'i5 cpu', 'i5 cpu'],
    ['keycap digits', '1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣', '13800138000'],
    // contact app variants
    ['V信', 'V信', '微信'],
    ['vx and wx', 'vx wx', '微信微信'],
    ['薇信 and 威信', '薇信 威信', '微信微信'],
    ['卫星', '加卫星', '加微信'],
    ['vx glued to an id', '加vxtom_2023', '加微信tom_2023'],
    ['扣扣', '扣扣：12345678', 'qq12345678'],
    ['+ before a word means 加', '+v 看主页', '加v看主页'],
    ['+86 stays with the number', '+86 138-0013-8000', '8613800138000'],
    // emoji that carry a word (issue 17)
    ['penguin is QQ', '加🐧 12345678', '加qq 12345678'],
    ['satellite is WeChat', '🛰️ abc123', '微信abc123'],
    ['satellite dish is WeChat', '📡tom_2023', '微信tom_2023'],
    ['a heart after v is 信', '加V💗', '加微信'],
    ['a heart between v and 信 is dropped', 'V❤信是lisa', '微信是lisa'],
    ['a heart elsewhere is dropped', 'I ❤ you', 'i you'],
    ['a heart inside a v drawn with slashes', '加\\❤️/ lisa2024', '加微信lisa2024'],
    ['slashes without a heart are dropped', 'a\\b/c', 'abc'],
    ['a phone is 电话', '📞0755 8888 6666', '电话075588886666'],
    ['money and red packets', '给我💰和🧧', '给我钱和红包'],
    ['a star is 星', '给你1⭐', '给你1星'],
    ['other emoji are dropped', '好看😀😀', '好看'],
    // more homophones and slang
    ['薇芯', '薇芯 tom_22', '微信tom_22'],
    ['绿泡泡', '加绿泡泡', '加微信'],
    ['抠抠', '抠抠 123456', 'qq123456'],
    ['企鹅 with a contact cue', '加企鹅', '加qq'],
    ['企鹅 the animal stays', '企鹅玩偶', '企鹅玩偶'],
    // rival marketplaces by nickname
    ['某宝', '某宝搜店名', '淘宝搜店名'],
    ['拼夕夕', '拼夕夕更便宜', '拼多多更便宜'],
    ['狗东', '狗东自营', '京东自营'],
    ['小黄鱼', '小黄鱼上卖', '闲鱼上卖'],
    ['红书', '红书搜', '小红书搜'],
    ['小红书 stays one name', '小红书', '小红书'],
    // 100% and #1
    ['100% is 百分百', '100%有效', '百分百有效'],
    ['百分之百 is 百分百', '百分之百正品', '百分百正品'],
    ['#1 is no1', '#1 seller', 'no1 seller'],
    ['#12 is a hashtag', '#12 款', '12款'],
    // texts that must keep their meaning
    ['QQ candy', 'QQ糖 好吃', 'qq糖好吃'],
    ['a long order number stays whole', '订单号 2023 1380 0138 000', '订单号202313800138000'],
    ['vxlan is a word', 'vxlan', 'vxlan'],
  ])('%s: %s → %s', (_what, input, expected) => {
    expect(normalizeText(input).text).toBe(expected);
  });

  it('maps every character back into the original text', () => {
    const input = '请加 Ｖ 信：tom_2023';
    const { text, map } = normalizeText(input);
    expect(text).toBe('请加微信tom_2023');
    expect(map).toHaveLength(text.length);
    expect(input[map[text.indexOf('t')]!]).toBe('t');
    expect(input.slice(map[1]!, map[1]! + 1)).toBe('加');
  });
});
