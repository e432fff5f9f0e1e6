import type { Lang } from './index.tsx';

/** Kinds of code a server reason may name: a screening category, an after-sales type or reason, ... */
export type CodeKind = 'screening' | 'asType' | 'asReason' | 'guarantee' | 'orderState';

/** The reader's name for a code the server's reason names (undefined: none known). */
export type CodeNamer = (kind: CodeKind, code: string) => string | undefined;

type Words = (m: RegExpMatchArray, name: (kind: CodeKind, code: string) => string) => string;

/**
 * The server names the reason of a bad field in English (its schema validator's words, or a rule's).
 * Each reason it can give, matched whole: its Chinese, and its English where the server's names a
 * code (an English page shows no raw code either). A reason not in this table is shown as "not
 * valid" in the reader's language, never in the server's English on a Chinese page.
 */
/** The closed features of the rule language (server risk/checkpoints.ts) and their values, in words. */
const FEATURE_ZH: Record<string, string> = {
  screening_risk: '文本风险等级',
  screening_categories: '文本风险类别',
  qualification_status: '资质核验状态',
};
const FEATURE_VALUE_ZH: Record<string, string> = {
  none: '无',
  low: '低',
  medium: '中',
  high: '高',
  valid: '有效',
  bad_shape: '格式不符',
  unknown: '未登记',
  expired: '已过期',
  revoked: '已吊销',
};

const REASONS: [RegExp, Words, Words?][] = [
  // the schema validator's words
  [/^must NOT have fewer than 1 characters?$/, () => '不能为空', () => 'must not be empty'],
  [/^must NOT have fewer than (\d+) characters?$/, (m) => `至少 ${m[1]} 个字`],
  [/^(?:must NOT have more than|at most) (\d+) characters?$/, (m) => `最多 ${m[1]} 个字`],
  [/^longer than (\d+) characters$/, (m) => `最多 ${m[1]} 个字`],
  [/^must be (\d+)(?:–| to )(\d+) characters$/, (m) => `需为 ${m[1]}–${m[2]} 个字`],
  [/^must NOT have fewer than (\d+) items?$/, (m) => `至少选 ${m[1]} 项`],
  [/^must NOT have more than (\d+) items?$/, (m) => `最多 ${m[1]} 项`],
  [/^must be >= (-?[\d.]+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must be > (-?[\d.]+)$/, (m) => `必须大于 ${m[1]}`],
  [/^must be <= (-?[\d.]+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must be < (-?[\d.]+)$/, (m) => `必须小于 ${m[1]}`],
  // the same words as the configuration's whole-document check (TypeBox) says them
  [
    /^Expected number to be less or equal to (-?[\d.]+)$/,
    (m) => `不能大于 ${m[1]}`,
    (m) => `must be at most ${m[1]}`,
  ],
  [
    /^Expected number to be greater or equal to (-?[\d.]+)$/,
    (m) => `不能小于 ${m[1]}`,
    (m) => `must be at least ${m[1]}`,
  ],
  [/^Expected integer$/, () => '必须是整数', () => 'must be a whole number'],
  [/^Expected number$/, () => '必须是数字', () => 'must be a number'],
  [/^must be integer$/, () => '必须是整数', () => 'must be a whole number'],
  [/^must be number$/, () => '必须是数字', () => 'must be a number'],
  [/^must be string$/, () => '必须是文字', () => 'must be text'],
  [/^must be boolean$/, () => '必须是是或否', () => 'must be yes or no'],
  [/^must be (?:object|array|null)$/, () => '格式不正确', () => 'is not in the right form'],
  [/^must have required property '.+'$/, () => '必填', () => 'is required'],
  [/^must be equal to one of the allowed values$/, () => '不是可选的值', () => 'is not one of the choices'],
  [/^must be equal to constant$/, () => '不是可选的值', () => 'is not one of the choices'],
  [/^must match pattern ".*"$/, () => '格式不正确', () => 'is not in the right form'],
  [/^must match format "date-time"$/, () => '需为日期和时间', () => 'must be a date and time'],
  [/^must match format "date"$/, () => '需为日期', () => 'must be a date'],
  [/^must match format "uri"$/, () => '需为网址', () => 'must be a web address'],
  [/^must match format ".*"$/, () => '格式不正确', () => 'is not in the right form'],
  [/^must NOT have additional properties$/, () => '不接受这一项', () => 'is not accepted here'],
  [/^must NOT have duplicate items.*$/, () => '有重复的项', () => 'has duplicate items'],
  [
    /^must match (?:a|exactly one) schema in (?:anyOf|oneOf)$/,
    () => '格式不正确',
    () => 'is not in the right form',
  ],
  // the platform's own rules
  // audience (notifications) and the live room's featured product
  [/^give the notifications to mark read, or all: true$/, () => '请选择要标为已读的消息'],
  [/^not pinned in this session: pin it first$/, () => '不在本场直播的商品中，请先挂车'],
  // freight templates (freight, template-input.rule.ts) and a product's template (catalog)
  [
    /^\d{6} is not a province, city or county code of the region table$/,
    () => '不是有效的地区',
    () => 'is not a region',
  ],
  [
    /^\d{6} already has region rule (\d+)$/,
    (m) => `已在指定地区 ${m[1]} 中`,
    (m) => `is already in regional fee ${m[1]}`,
  ],
  [
    /^\d{6} has a region rule and cannot also be excluded$/,
    () => '已设置地区运费，不能同时不配送',
    () => 'has a regional fee and cannot also be not delivered',
  ],
  [/^not a freight template of this shop$/, () => '不是本店的运费模板'],
  // coupon terms (promotions, campaign-terms.rule.ts)
  [/^required for a (?:threshold|no-threshold|percent) coupon$/, () => '该类型的券必须填写'],
  [/^must be above discountFen/, () => '须大于减免金额（订单不能免费）'],
  [/^a no-threshold coupon has no threshold$/, () => '无门槛券不设门槛'],
  [/^a percent coupon takes percentBp off; omit discountFen$/, () => '折扣券不填减免金额'],
  [/^only for a percent coupon$/, () => '只有折扣券需要填写'],
  [/^must be after claimStartsAt$/, () => '须晚于开始领取时间'],
  [/^the claim window is at most 366 days$/, () => '领取时间最长 366 天'],
  [/^must not be before claimEndsAt/, () => '不能早于结束领取时间'],
  [/^must be a mainland mobile number: 11 digits starting 13–19$/, () => '需为 11 位手机号（13–19 开头）'],
  [
    /^must be a county-level region code$/,
    () => '请选择到区/县',
    () => 'choose down to the district or county',
  ],
  [
    /^must not contain a NUL character$/,
    () => '含有不允许的字符',
    () => 'contains a character that is not allowed',
  ],
  [
    /^must not contain an unpaired surrogate$/,
    () => '含有不允许的字符',
    () => 'contains a character that is not allowed',
  ],
  [/^only ops accounts hold roles$/, () => '只有运营账号可以设置角色'],
  [/^a super admin cannot remove their own super admin role$/, () => '不能取消自己的超级管理员角色'],
  [/^you cannot disable your own account$/, () => '不能停用自己的账号'],
  [/^must be positive$/, () => '必须大于 0'],
  [/^must be a positive integer(?: id)?$/, () => '必须是正整数'],
  [/^must be a positive whole number of fen$/, () => '必须是大于 0 的金额（精确到分）'],
  [/^must be a safe integer number of fen$/, () => '金额（分）必须是整数'],
  [/^must not be zero$/, () => '不能为 0'],
  [/^must be in the future$/, () => '必须是将来的时间'],
  // growth programmes (product rules §7.5)
  [/^each step needs its own code$/, () => '每一步的代码不能重复'],
  [/^must not be below the tier before$/, () => '不能低于上一档的要求'],
  [/^must not be below minPriceFen$/, () => '不能低于最低价'],
  [/^another version takes effect at this time$/, () => '已有版本在这个时间生效'],
  // flash sales (秒杀)
  [/^must be above 0$/, () => '必须大于 0'],
  [
    /^must be below the SKU's price of (\d+) fen$/,
    (m) => `须低于该规格原价 ¥${(Number(m[1]) / 100).toFixed(2)}`,
    (m) => `must be below the SKU's price of ¥${(Number(m[1]) / 100).toFixed(2)}`,
  ],
  // original prices (划线价, product rules §6.3)
  [
    /^must be above the price of (\d+) fen$/,
    (m) => `须高于现价 ¥${yuan(m[1])}`,
    (m) => `must be above the price of ¥${yuan(m[1])}`,
  ],
  [
    /^above the lowest price charged in the 7 days before, (\d+) fen$/,
    (m) => `划线价高于近7日最低售价 ¥${yuan(m[1])}，须为近7日内实际售价`,
    (m) => `above the lowest price charged in the last 7 days, ¥${yuan(m[1])}`,
  ],
  [/^must be at least 1$/, () => '至少为 1'],
  [/^must not exceed the SKU's stock of (\d+)$/, (m) => `不能超过该规格库存 ${m[1]} 件`],
  [/^must not exceed the stock cap$/, () => '不能超过秒杀库存'],
  [/^must be now or in the future$/, () => '不能早于现在'],
  [/^must be within 30 days$/, () => '须在 30 天内'],
  [/^the sale must last at least 1 minute$/, () => '秒杀至少持续 1 分钟'],
  [/^the sale must last at most 24 hours$/, () => '秒杀最长持续 24 小时'],
  [/^no such SKU in this shop$/, () => '不是本店的规格'],
  [/^its product is not listed$/, () => '该商品未在售'],
  [/^its product is not pinned in this live session$/, () => '该商品未挂在本场直播的购物车里'],
  [/^only the hosting shop's own products get flash sales in its room$/, () => '只能为本店商品上架秒杀'],
  [/^already has a scheduled or running flash sale$/, () => '已有未结束的秒杀'],
  [/^is required$/, () => '必填'],
  [/^required: the shop (?:the video is for|that hosts the session)$/, () => '请选择店铺'],
  [/^required for a (\w+)$/, () => '必填'],
  [/^required unless the subject is a creator’s live session$/, () => '除达人直播外必须选择店铺'],
  [/^only merchants post for a shop$/, () => '只有商家可以代表店铺发布'],
  [
    /^a creator hosts their own room; omit shopId$/,
    () => '达人在自己的直播间开播，无需选择店铺',
    () => 'a creator hosts their own room: choose no shop',
  ],
  [/^no such (product|brand)$/, (m) => (m[1] === 'product' ? '没有这个商品' : '没有这个品牌')],
  [/^unknown (category|brand)$/, (m) => (m[1] === 'category' ? '没有这个类目' : '没有这个品牌')],
  [/^a category cannot move under itself or its descendants$/, () => '类目不能移到它自己或它的下级类目之下'],
  [/^is not on sale$/, () => '未在售'],
  [/^is not a product of shop \d+$/, () => '不是本店的商品', () => 'is not a product of this shop'],
  [
    /^product \d+ is not a product of shop \d+$/,
    () => '不是该店铺的商品',
    () => 'is not a product of this shop',
  ],
  [
    /^live session \d+ is not hosted by .+$/,
    () => '不是该店铺或达人的直播',
    () => 'is not a live session of this host',
  ],
  [/^is not a line of order \d+$/, () => '不是该订单中的商品', () => 'is not an item of this order'],
  [/^not pinned in this session$/, () => '未在这场直播挂车'],
  [/^already (?:taken|registered)$/, () => '已被占用'],
  [/^already used by another shipment$/, () => '已被另一个物流单使用'],
  [/^already used for a different request$/, () => '已用于另一个请求'],
  [/^duplicate SKU code ".*"$/, () => '规格编码重复'],
  [
    /^required for products in a \w+ category$/,
    () => '该类目的商品必须填写',
    () => 'is required for products in this category',
  ],
  [/^the line has (\d+) unit\(s\); at most \d+$/, (m) => `该商品共 ${m[1]} 件，不能超过`],
  [
    /^at most (\d+) fen remains refundable for (\d+) unit\(s\)$/,
    (m) => `${m[2]} 件最多还可退 ¥${yuan(m[1])}`,
    (m) => `at most ¥${yuan(m[1])} remains refundable for ${m[2]} unit(s)`,
  ],
  [
    /^exceeds (the deposit above the requirement|the available balance|the commission balance) of (\d+) fen$/,
    (m) =>
      `超过${{ 'the deposit above the requirement': '超出要求的保证金', 'the available balance': '可用余额', 'the commission balance': '佣金余额' }[m[1]!]}（¥${yuan(m[2])}）`,
    (m) => `exceeds ${m[1]} of ¥${yuan(m[2])}`,
  ],
  [/^must not exceed maxFen$/, () => '不能超过上限', () => 'must not exceed the maximum'],
  [
    /^instant refunds \(no return\) must not reach above lightning returns$/,
    () => '极速退款的上限不能高于闪电退货',
  ],
  [
    /^a partial award is between 1 and (\d+) fen \(below the requested (\d+)\)$/,
    (m) => `部分支持的金额须在 ¥0.01 到 ¥${yuan(m[1])} 之间（低于申请的 ¥${yuan(m[2])}）`,
    (m) => `a partial award is between ¥0.01 and ¥${yuan(m[1])} (below the requested ¥${yuan(m[2])})`,
  ],
  [/^a partial decision names the amount$/, () => '部分支持需要填写金额'],
  [
    /^only a partial decision names an amount \(this one is \w+\)$/,
    () => '只有部分支持才填写金额',
    () => 'only a partial decision names an amount',
  ],
  [
    /^a counterfeit is confirmed only with a full or partial award$/,
    () => '只有全额或部分支持时才能认定为假货',
  ],
  [
    /^record a communication with the buyer on request \d+ first$/,
    () => '请先记录与买家的沟通',
    () => 'record a communication with the buyer first',
  ],
  [/^give a text, files, or both$/, () => '请填写文字或上传文件'],
  [
    /^only a guarantee_claim names a guarantee$/,
    () => '只有保障理赔才需选择保障',
    () => 'only a guarantee claim names a guarantee',
  ],
  [/^must be one of [\w, ]+$/, () => '不是可选的值', () => 'is not one of the choices'],
  // after-sales requests: which fit the order
  [/^the order is not paid$/, () => '订单未付款'],
  [/^the order is cancelled$/, () => '订单已取消'],
  [/^the order has not been delivered$/, () => '订单尚未签收'],
  [
    /^(\w+) is for orders that are [\w, ]+; this order is (\w+)$/,
    (m, name) => `当前订单（${name('orderState', m[2]!)}）不能申请${name('asType', m[1]!)}`,
    (m, name) => `${name('asType', m[1]!)} does not fit an order that is ${name('orderState', m[2]!)}`,
  ],
  [
    /^after-sales requests close .+ after completion, at .+$/,
    () => '订单完成后的售后申请期已过',
    () => 'the after-sales window after completion has closed',
  ],
  [/^the order line already has an open after-sales request$/, () => '该商品已有处理中的售后申请'],
  [
    /^the order line already has (\d+) requests; at most (\d+) are allowed$/,
    (m) => `该商品已申请 ${m[1]} 次售后，最多 ${m[2]} 次`,
  ],
  [
    /^late_shipment_compensation is opened by the platform, never by a buyer$/,
    () => '延迟发货补偿由平台发起',
    () => 'late-shipment compensation is opened by the platform',
  ],
  [
    /^(\w+) does not fit a (\w+) on this order line; fitting: [\w, ]*$/,
    (m, name) => `“${name('asReason', m[1]!)}”不适用于这件商品的${name('asType', m[2]!)}`,
    (m, name) => `“${name('asReason', m[1]!)}” does not fit a ${name('asType', m[2]!)} on this item`,
  ],
  [
    /^(\w+) does not fit this item; fitting: [\w, ]*$/,
    (m, name) => `这件商品不能申请${name('asType', m[1]!)}`,
    (m, name) => `${name('asType', m[1]!)} does not fit this item`,
  ],
  [
    /^(\w+) cannot be claimed; claimable: .*$/,
    (m, name) => `“${name('guarantee', m[1]!)}”不能理赔`,
    (m, name) => `“${name('guarantee', m[1]!)}” cannot be claimed`,
  ],
  [
    /^the order line does not carry (\w+)$/,
    (m, name) => `这件商品没有“${name('guarantee', m[1]!)}”保障`,
    (m, name) => `this item does not carry “${name('guarantee', m[1]!)}”`,
  ],
  [
    /^(\w+) must be claimed within (\d+) (days|h) of delivery; the window ended at .+$/,
    (m, name) =>
      `“${name('guarantee', m[1]!)}”须在签收后 ${m[2]}${m[3] === 'days' ? ' 天' : ' 小时'}内申请，已过期`,
    (m, name) =>
      `“${name('guarantee', m[1]!)}” must be claimed within ${m[2]} ${m[3]} of delivery; that time has passed`,
  ],
  [
    /^(\w+) claims need at least one photo$/,
    (m, name) => `“${name('guarantee', m[1]!)}”理赔至少需要一张照片`,
    (m, name) => `a “${name('guarantee', m[1]!)}” claim needs at least one photo`,
  ],
  // files and images
  [/^is empty: send the image bytes$/, () => '文件是空的', () => 'the file is empty'],
  [/^is larger than (\d+) bytes$/, (m) => `文件不能超过 ${mib(m[1])}`, (m) => `must be at most ${mib(m[1])}`],
  [/^is not a readable image.*$/, () => '无法读取这张图片', () => 'is not a readable image'],
  [/^at most (\d+) files per evidence item$/, (m) => `每条凭证最多 ${m[1]} 个文件`],
  [/^(?:file|image) \d+ is listed twice$/, () => '有重复的文件', () => 'a file is listed twice'],
  [/^file \d+ is not one of your uploads$/, () => '不是你上传的文件', () => 'is not one of your uploads'],
  // chat (product rules §8.1): a context card or a card in a message must belong to the conversation
  [/^not one of your uploads$/, () => '不是你上传的文件'],
  [/^not a product of this shop$/, () => '不是本店的商品'],
  [/^not a live session of this shop$/, () => '不是本店的直播'],
  [/^not your order with this shop$/, () => '不是你在本店的订单'],
  [/^not an order between this buyer and this shop$/, () => '不是该买家在本店的订单'],
  [/^not part of an? (?:text|image|product|order) message$/, () => '这类消息不带这一项'],
  [/^required for an? (?:text|image|product|order) message$/, () => '这类消息必须填写'],
  [
    /^image \d+ is not an image of this product$/,
    () => '不是这个商品的图片',
    () => 'is not an image of this product',
  ],
  [/^name each of the product's (\d+) images once$/, (m) => `请把 ${m[1]} 张图片各列一次`],
  [
    /^the product already has (\d+) images$/,
    (m) => `商品最多 ${m[1]} 张图片`,
    (m) => `a product has at most ${m[1]} images`,
  ],
  // governance, ops
  [/^a serious violation carries 2–100 points$/, () => '严重违规扣 2–100 分'],
  [
    /^\w+ is a general violation and carries no points$/,
    () => '一般违规不扣分',
    () => 'a general violation carries no points',
  ],
  [/^unknown violation code .+$/, () => '没有这种违规类型', () => 'is not a kind of violation'],
  [
    /^\w+ concerns [\w, ]+$/,
    () => '这种违规不适用于该对象',
    () => 'this kind of violation does not concern this subject',
  ],
  [/^must be an active ops account$/, () => '必须是在职的运营账号'],
  [
    /^must be a whole number of minutes from 1 to 43200 \(30 days\)$/,
    () => '须为 1 到 43200 分钟（30 天）之间的整数',
  ],
  [/^is not an account of the chart of accounts$/, () => '不是会计科目表中的账户'],
  [/^matches the empty text$/, () => '会匹配空文本'],
  [/^too slow on repetitive text \(nested repetition\?\)$/, () => '在重复文本上太慢（可能有嵌套重复）'],
  [
    /^give identifiers, a userId or a shopId$/,
    () => '请填写标识、用户或店铺',
    () => 'give identifiers, a user or a shop',
  ],
  [/^must be a user id$/, () => '必须是用户编号', () => 'must be a user number'],
  [/^has no rows to ship$/, () => '文件里没有要发货的行', () => 'has no rows to ship'],
  [/^must be after from$/, () => '必须晚于开始时间', () => 'must be after the start'],
  [/^must be an order number \(digits\)$/, () => '须为订单号（数字）'],
  [/^must not be blank$/, () => '不能为空'],
  [/^must be an ops account$/, () => '必须是运营账号'],
  // care outreach (关怀外呼)
  [/^compensated needs a compensation given first$/, () => '记为“已补偿”前，须先发放补偿'],
  [/^record a contact that reached the buyer first$/, () => '请先记录一次联系上买家的沟通'],
  [/^the buyer was compensated: not unreachable$/, () => '已向买家发放补偿，不能记为联系不上'],
  [
    /^IP complaints are decided on the complaint \(uphold or reject\)$/,
    () => '知识产权投诉请在投诉页处理（成立或驳回）',
  ],
  [/^is required to reject, and for a decision on several items$/, () => '驳回或批量处理时必须填写'],
  // buyer reports (举报)
  [
    /^does not fit a report of a \w+$/,
    () => '这个原因不适用于所举报的内容',
    () => 'does not fit what you report',
  ],
  [/^is your own$/, () => '不能举报自己发布的内容', () => 'is your own'],
  [/^is required to uphold$/, () => '举报成立时须选择处理方式'],
  [/^only goes with uphold$/, () => '只有举报成立时才能选择处理方式'],
  [/^only goes with the violation effect$/, () => '只有选择记违规时才能选择违规类型'],
  [
    /^buyer reports are decided on the reports page \(uphold or dismiss\)$/,
    () => '买家举报请在举报处理页处理（成立或驳回）',
  ],
  [/^an entry needs at least two postings$/, () => '一笔分录至少要有两条记账'],
  [
    /^must be snake_case, at most 64 characters$/,
    () => '须为小写字母和下划线，最多 64 个字符',
    () => 'must be lower-case words joined by underscores, at most 64 characters',
  ],
  // the policy editor
  [/^unknown checkpoint$/, () => '没有这个检查点'],
  [/^must be a non-empty array of rules$/, () => '至少要有一条规则'],
  [/^at most (\d+) rules$/, (m) => `最多 ${m[1]} 条规则`],
  [/^unknown key(?: in a \w+ condition)?$/, () => '不认识的字段', () => 'is not a known field'],
  [
    /^must be 1–64 characters of a-z, 0-9, _ \. - \(starting with a letter or digit\)$/,
    () => '须为 1–64 个字符（a-z、0-9、_ . -，以字母或数字开头）',
  ],
  [/^duplicate rule id ".*"$/, () => '规则编号重复', () => 'this rule id is used twice'],
  [/^must be text of 1–500 characters$/, () => '需为 1–500 个字'],
  [/^must be 'review' or 'block'$/, () => '须为“人工审核”或“拦截”', () => 'must be review or block'],
  [
    /^must be \{ zh, en \}, each text of 1–200 characters$/,
    () => '中英文说明各需 1–200 个字',
    () => 'needs a Chinese and an English text of 1–200 characters each',
  ],
  [/^must be a non-empty array$/, () => '至少要有一项'],
  [/^must be a feature name$/, () => '须为特征名'],
  [
    /^unknown feature ".*" for this checkpoint$/,
    () => '这个检查点没有这个特征',
    () => 'is not a feature of this checkpoint',
  ],
  [/^must be one of [=<>!\w ]+$/, () => '不是可选的运算符', () => 'is not one of the operators'],
  [
    /^\S+ does not apply to \w+ feature ".*"$/,
    () => '运算符不适用于这个特征',
    () => 'the operator does not apply to this feature',
  ],
  [
    /^must be a (?:non-empty array of )?\w+s? (?:to compare with|for).*$/,
    () => '值的类型不对',
    () => 'the value is of the wrong type',
  ],
  [/^must be an object$/, () => '格式不正确', () => 'is not in the right form'],
  [
    /^(".*") is not a value of feature "(.+)" \(one of: (.*)\)$/,
    (m, name) => {
      const values = m[3]!
        .split(', ')
        .map((v) => (m[2] === 'screening_categories' ? name('screening', v) : (FEATURE_VALUE_ZH[v] ?? v)));
      const feature = FEATURE_ZH[m[2]!] ?? '这个特征';
      return `${m[1]} 不是${feature}能取到的值，这样的规则永远不会按预期触发（可取值：${values.join('、')}）`;
    },
    (m) => `${m[1]} is not a value feature ${m[2]} can take (one of: ${m[3]})`,
  ],
  // customer service settings and metrics (issue 16)
  [/^at least one day$/, () => '至少选择一天'],
  [/^at least one keyword$/, () => '至少填写一个关键词'],
  [/^at most 50 keyword replies per shop$/, () => '每个店铺最多 50 条关键词回复'],
  [/^must be a date$/, () => '需为日期'],
  [/^must not be after to$/, () => '开始日期不能晚于结束日期'],
  [/^at most 92 days$/, () => '最多 92 天'],
  // the customer-service workstation (product rules §8.2) and the chat a refund-only rejection cites (§5)
  [/^a cited conversation is a chat$/, () => '关联会话时沟通方式须为在线聊天'],
  [/^the shop owner always serves customers$/, () => '店主始终是客服，不能取消'],
  [/^the conversation is already with this agent$/, () => '会话已由这位同事接待'],
  [/^not a customer-service agent of this shop$/, () => '这位同事不是本店客服'],
  [/^this agent is away$/, () => '这位同事当前离开，只能转接给在线的同事'],
  [/^not a conversation between this shop and the request's buyer$/, () => '这不是本店与该售后买家的会话'],
  [/^the buyer wrote nothing in this conversation$/, () => '买家在这个会话里还没有发过消息'],
  [
    /^nobody of the shop wrote in this conversation \(the bot alone does not count\)$/,
    () => '本店客服本人还没有在这个会话里回复过（仅智能客服回复不算）',
  ],
  // webhook endpoints and API keys (modules/webhooks/endpoint-input.rule.ts, api-keys/api-key.rule.ts)
  [/^must use https$/, () => '必须以 https://… 开头', () => 'must start with https://'],
  [/^must be an http or https address$/, () => '不是有效的网址', () => 'must be a web address'],
  [/^must not contain a user name or password$/, () => '网址中不能包含用户名或密码'],
  [
    /^must not point to a private network address$/,
    () => '不能指向内网地址（本机、局域网或云服务器元数据地址）',
    () => 'must be a public address, not this machine, a private network or cloud metadata',
  ],
  [
    /^unknown event type /,
    () => '包含平台不提供的事件',
    () => 'names an event type the platform does not have',
  ],
  [/ is a platform event \(platform endpoints only\)$/, () => '包含仅平台推送地址可订阅的事件'],
  [/^unknown scope /, () => '包含平台不提供的权限', () => 'names a permission the platform does not have'],
  [/^at least one scope$/, () => '至少选择一项权限', () => 'choose at least one permission'],
];

// As money() shows it: ¥2,499.00, never ¥2499.00 beside it.
const yuan = (fen: string | undefined) =>
  (Number(fen) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const mib = (bytes: string | undefined) => `${Math.round((Number(bytes) / 1048576) * 10) / 10} MiB`;

const HAN = /[\u4e00-\u9fff]/;

/**
 * `reason` in `lang`: the table's words; a reason the server already wrote in Chinese as it is on a
 * Chinese page; any other as "not valid" in the reader's language. `name` names the codes a reason
 * carries (a reason code, an after-sales type) in the reader's language.
 */
export function reasonIn(lang: Lang, reason: string, name: CodeNamer = () => undefined): string {
  const named = (kind: CodeKind, code: string) => name(kind, code) ?? (lang === 'zh' ? '该项' : 'this');
  for (const [pattern, zh, en] of REASONS) {
    const m = reason.match(pattern);
    if (!m) continue;
    if (lang === 'zh') return zh(m, named);
    return en ? en(m, named) : reason;
  }
  const screened = reason.match(SCREENED);
  if (screened) return screenedReason(lang, screened, named);
  if (lang === 'zh') return HAN.test(reason) ? reason : '填写的内容不符合要求';
  return HAN.test(reason) || /\b[a-z]+_[a-z_]+\b/.test(reason) ? 'is not valid' : reason;
}

/** A title the trust engine refused: "直播标题高风险 (High-risk live title): off_platform, hype". */
const SCREENED = /^(\S+) \(([^)]+)\)(?:；\S+ \([^)]+\))*: ([\w, ]*)$/;

function screenedReason(
  lang: Lang,
  m: RegExpMatchArray,
  name: (kind: CodeKind, code: string) => string,
): string {
  const categories = (m[3] ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => name('screening', c));
  const head = lang === 'zh' ? m[1]! : m[2]!;
  if (!categories.length) return head;
  return lang === 'zh' ? `${head}：${categories.join('、')}` : `${head}: ${categories.join(', ')}`;
}

/** The trust engine's default rule reasons for content, in English (the server stores the Chinese). */
const HOLD_RULES_EN: Record<string, string> = {
  评论内容高风险: 'High-risk comment',
  评价内容高风险: 'High-risk review text',
  视频文案高风险: 'High-risk caption',
  直播标题高风险: 'High-risk live title',
  商品文案高风险: 'High-risk listing text',
  内容风险: 'Content risk',
};

/**
 * Why content is held back, in `lang`: the server stores "评论内容高风险 (off_platform)", "held for
 * review: …", "blocked by screening" or an ops reviewer's own words (shown as written).
 */
export function holdReasonIn(lang: Lang, reason: string, name: CodeNamer = () => undefined): string {
  const held = reason.match(/^held for review: (.*)$/);
  const rest = held ? held[1]! : reason;
  const zh = lang === 'zh';
  let text: string;
  if (rest === 'blocked by screening' || rest === 'screening')
    text = zh ? '未通过内容审核' : 'Did not pass screening';
  else if (rest === 'blocked after review') text = zh ? '人工审核未通过' : 'Blocked after review';
  else if (rest.startsWith('reported: '))
    text = zh ? `举报成立：${rest.slice(10)}` : `Hidden after buyer reports: ${rest.slice(10)}`;
  else {
    const m = rest.match(/^(.+?) \(([\w, ]*)\)$/);
    if (!m) text = rest;
    else {
      const rules = m[1]!.split('；');
      const head = zh ? rules.join('、') : rules.map((r) => HOLD_RULES_EN[r] ?? 'Screening').join('; ');
      const categories = m[2]!
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => name('screening', c) ?? (zh ? '其他' : 'other'));
      text = categories.length ? `${head}${zh ? '：' : ': '}${categories.join(zh ? '、' : ', ')}` : head;
    }
  }
  if (!held) return text;
  return zh ? `待审核：${text}` : `Held for review: ${text}`;
}

/** Reasons the platform itself records for a state change, in both languages. */
const SYSTEM_REASONS: [RegExp, string, string][] = [
  [/^cancelled by the buyer$/, '买家取消', 'Cancelled by the buyer'],
  [/^payment not received in time$/, '超时未付款，订单已取消', 'Not paid in time: cancelled'],
  [/^submitted for review$/, '提交审核', 'Submitted for review'],
  [/^created$/, '创建', 'Created'],
  [/^content edited(?:: .*)?$/, '修改了内容', 'Content edited'],
  [/^automatic review passed$/, '自动审核通过', 'Passed the automatic review'],
  [/^delisted by the merchant$/, '商家下架', 'Delisted by the merchant'],
  [/^governance restriction \d+ ended$/, '处罚期满，限制解除', 'The restriction ended'],
  [/^blocked after review$/, '人工审核未通过', 'Blocked after review'],
  [/^reported by buyers: /, '买家举报成立，退回重新审核', 'Buyer reports upheld: back to review'],
  [/^reported: /, '买家举报成立，已隐藏', 'Hidden after buyer reports'],
  [/^default policy(?: \(DOMAIN\.md §6\))?$/, '平台默认策略', 'The platform’s default policy'],
  [/^(?:platform defaults|defaults of DOMAIN\.md §4–5)$/, '平台默认规则', 'The platform’s defaults'],
];

/**
 * A reason the platform recorded (an order cancelled, a room stopped, a listing moved), in `lang`:
 * its own phrases from the table; "紧急关播 emergency stop: …"-style bilingual ones in the reader's
 * half, with screening categories named; content held back as `holdReasonIn`; a person's own words as
 * written.
 */
export function systemReasonIn(lang: Lang, reason: string, name: CodeNamer = () => undefined): string {
  for (const [pattern, zh, en] of SYSTEM_REASONS) if (pattern.test(reason)) return lang === 'zh' ? zh : en;
  // "家电优选馆 售后退货仓 / After-sales returns, shop #21": one half per language
  const halves = reason.match(/^(.*[\u4e00-\u9fff].*?) \/ ([A-Za-z].*)$/);
  if (halves) return lang === 'zh' ? halves[1]! : halves[2]!;
  const both = reason.match(/^([^A-Za-z]*[\u4e00-\u9fff）)])\s+([A-Za-z][^:：]*?)(?:[:：]\s*(.*))?$/);
  if (both) {
    const head = lang === 'zh' ? both[1]! : both[2]!.charAt(0).toUpperCase() + both[2]!.slice(1);
    const rest = both[3]?.trim();
    // the English half's own words belong to it, not to a Chinese page
    if (!rest || (lang === 'zh' && !HAN.test(rest) && !/^[a-z_]+(?:, [a-z_]+)*$/.test(rest))) return head;
    const codes = /^[a-z_]+(?:, [a-z_]+)*$/.test(rest)
      ? rest
          .split(', ')
          .map((c) => name('screening', c) ?? (lang === 'zh' ? '其他' : 'other'))
          .join(lang === 'zh' ? '、' : ', ')
      : rest;
    return `${head}${lang === 'zh' ? '：' : ': '}${codes}`;
  }
  return holdReasonIn(lang, reason, name);
}
