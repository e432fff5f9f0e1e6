// Contact details recognised by shape rather than by word (product rules §6.1: phone numbers, WeChat
// and QQ ids, links). Always part of a screener, whatever the lexicon holds; they run over the
// normalised text, so "壹叁捌 0013 8000", "V信: tom_2023", "🐧 12345678" and "0755 8888 6666" are
// caught like the plain forms.

// What follows a number that is a quantity, a price or a date rather than an account.
const NOT_AN_ACCOUNT =
  '(?!\\d|元|块|件|个|单|期|年|月|日|号|天|份|万|千|百|人|米|斤|克|g|kg|ml|cm|mm|岁|次|分|秒|小时|粉|赞)';

export const BUILT_IN_PATTERNS: readonly { name: string; pattern: string }[] = [
  // mainland mobile numbers: 11 digits from 13–19, alone (not inside an order number), +86 allowed
  { name: 'phone_number', pattern: '(?<!\\d)(?:86)?1[3-9]\\d{9}(?!\\d)' },
  // landlines with an area code (010-12345678, 0755 8888 6666) and 400/800 service numbers
  {
    name: 'landline_number',
    pattern: '(?<![a-z0-9])(?:0(?:10|2\\d)\\d{8}|0[3-9]\\d{2}\\d{7,8}|[48]00\\d{7})(?!\\d)',
  },
  // a mobile number given in parts or out of order: 前面是138 0013 尾号8000, 开头138…, 后四位8000 前七位…
  {
    name: 'split_phone_number',
    pattern:
      '(?:前面|开头|前三位|前3位|前七位|前7位|前几位|号码前)(?:是|为)?1[3-9]\\d(?:\\d{0,5})(?!\\d)|' +
      '(?<!\\d)1[3-9]\\d{1,5}(?:开头|打头)|' +
      '(?:后面|后四位|后4位|尾号|末尾|结尾|中间)(?:是|为)?\\d{4}(?!\\d)[^0-9]{0,8}?(?:前面|开头|前三位|前3位|前七位|前7位)(?:是|为)?1[3-9]\\d|' +
      '(?<!\\d)1[3-9]\\d{1,8}[^0-9]{0,6}(?:中间|后四位|后4位|尾号|末四位|后面)(?:是|为)?\\d{4}(?!\\d)|' +
      // three groups with a word between them: 138加0013加8000
      '(?<!\\d)1[3-9]\\d[^\\d元块件个斤克号米只份次天年月日]{1,3}\\d{4}[^\\d元块件个斤克号米只份次天年月日]{1,3}\\d{4}(?!\\d)',
  },
  // a WeChat id (6–20 characters from a letter) after 微信号 / 微信是, or with a digit, _ or - in it
  {
    name: 'wechat_id',
    pattern:
      '微信(?:号|id|是|为)+ ?[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-])|(?<![a-z])v(?:号|id|是)? ?(?=[a-z0-9_-]*[0-9_])[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-])|微信(?=[a-z]*[0-9_-])[a-z][a-z0-9_-]{5,19}(?![a-z0-9_-])|(?<![a-z])wxid_?[a-z0-9]{4,}',
  },
  { name: 'qq_number', pattern: '(?<![a-z])qq?(?:号|群|号码)?(?:是|为)? ?[1-9]\\d{4,10}(?!\\d)' },
  // a bare account number (5–11 digits) right after a contact cue: 加我 12345678, 联系 987654321
  {
    name: 'bare_account_number',
    pattern: `(?:(?<!增|追|参|附|叠|外|更)加|找|联系|私|滴滴|戳|(?<!钥匙|纽|按|搭|卡|皮带|领|暗|折|表|腰|锁|回|克|打|优惠)扣|(?<!单|快递|订单)号码)(?:我|一下|下|好友)?(?:是|为)?[1-9]\\d{4,10}${NOT_AN_ACCOUNT}`,
  },
  {
    name: 'url',
    pattern:
      '(?<![a-z0-9])(?:https?|www)(?![a-z])|(?<![a-z0-9-])[a-z0-9-]+\\.(?:com|cn|net|org|top|xyz|vip|cc|io|me|shop|link|site|info|co|tv|ltd|club|store|online|hk|tw)(?![a-z])|(?<![a-z0-9])[a-z0-9]{2,}(?:点| dot ?)(?:com|cn|net|top|vip|xyz)(?![a-z])',
  },
];
