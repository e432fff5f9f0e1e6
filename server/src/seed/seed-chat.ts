import type { Db } from '../platform/db.ts';
import { createRandom } from './random.ts';

const SEED = 20_261_616;
const MINUTE = 60_000;
const DAY = 86_400_000;
/** Asia/Shanghai: the demo's service hours are local. */
const OFFSET = 8 * 60 * MINUTE;

const QUESTIONS: readonly { ask: string; bot: string; intent: string }[] = [
  {
    ask: '什么时候发货呀',
    bot: '现货商品付款后 48 小时内发货，超时未发平台会按规则赔付。',
    intent: 'ship_time',
  },
  {
    ask: '发什么快递',
    bot: '商家发货时选择快递，发货后您可以在订单详情里看到快递公司和运单号。',
    intent: 'carrier',
  },
  { ask: '我的快递到哪了', bot: '您的订单运输中，可在订单详情查看最新物流动态。', intent: 'tracking' },
  { ask: '坏果包赔吗', bot: '本店水果享有：退货补运费、坏了包退。', intent: 'guarantees' },
];
const HUMAN_ASKS = [
  '橙子收到有两个坏了，能补发吗',
  '转人工',
  '可以改一下收货地址吗',
  '买三箱能便宜点吗',
  '送人的，能不能不放价格单',
  '这批脐橙甜度怎么样',
];
const AGENT_ANSWERS = [
  '您好，我是鲜丰果园客服，马上为您处理～',
  '亲，坏果拍照发我，给您按坏果数量退款或补发。',
  '可以的亲，我这边帮您备注好了。',
  '这批是赣南现摘的，糖度 13 度以上，放心购买。',
];
const WAITING = [
  { buyer: 'buyer31', ask: '刚下单的橙子能今天发吗？急用', minutes: 2 },
  { buyer: 'buyer32', ask: '人工客服，收到的榴莲少了一房', minutes: 5 },
  { buyer: 'buyer33', ask: '我要开发票，怎么弄', minutes: 9 },
];

interface SessionPlan {
  buyerId: number;
  startedAt: Date;
  handedOffAt: Date | null;
  firstReplyAt: Date | null;
  closedAt: Date | null;
  agentId: number | null;
  rating: 'good' | 'neutral' | 'bad' | null;
  question: (typeof QUESTIONS)[number] | null;
  humanAsk: string | null;
  waiting: boolean;
}

/**
 * Demo customer service (product rules §8.3) in merchant1's 鲜丰果园: its settings and keyword
 * replies, the owner and 小周（客服） as agents (both away, so new hand-offs wait in 待接入), sessions over
 * the last 7 days with the bot's answers, hand-offs, agents' first replies (most within a minute, some
 * late), closes and ratings — the metrics' history — and three buyers waiting for a person now. Direct
 * inserts; deterministic. Runs before the scores are recomputed, so the service dimension reads them.
 */
export async function insertChat(
  db: Db,
  now: Date,
): Promise<{ conversations: number; sessions: number; messages: number }> {
  const none = { conversations: 0, sessions: 0, messages: 0 };
  const shop = await db
    .selectFrom('shops as s')
    .innerJoin('users as u', 'u.id', 's.ownerUserId')
    .select(['s.id', 's.ownerUserId'])
    .where('u.login', '=', 'merchant1')
    .orderBy('s.id')
    .executeTakeFirst();
  if (!shop) return none;
  const staff = await db
    .selectFrom('shopMembers')
    .select('userId')
    .where('shopId', '=', shop.id)
    .where('role', '=', 'staff')
    .executeTakeFirst();
  const agents = [shop.ownerUserId, ...(staff ? [staff.userId] : [])];
  const buyerLogins = [
    ...Array.from({ length: 10 }, (_, i) => `buyer${41 + i}`),
    ...WAITING.map((w) => w.buyer),
  ];
  const buyers = await db
    .selectFrom('users')
    .select(['id', 'login'])
    .where('login', 'in', buyerLogins)
    .execute();
  const idOf = new Map(buyers.map((b) => [b.login, b.id]));
  const products = await db
    .selectFrom('products')
    .select('id')
    .where('shopId', '=', shop.id)
    .where('state', '=', 'listed')
    .orderBy('id')
    .execute();
  if (buyers.length === 0) return none;
  const random = createRandom(SEED);

  await db
    .insertInto('chatSettings')
    .values({
      shopId: shop.id,
      welcome: '您好，欢迎来到鲜丰果园！水果产地现摘、冷链发货，有问题随时问我～',
      offHoursReply: '客服已下班（服务时间 09:00–22:00），留言后我们上班第一时间回复您。',
      serviceHours: JSON.stringify({ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '22:00' }),
      routing: 'last_agent',
      botEnabled: true,
      updatedAt: new Date(now.getTime() - 10 * DAY),
    })
    .onConflict((oc) => oc.column('shopId').doNothing())
    .execute();
  await db
    .insertInto('chatKeywordReplies')
    .values([
      {
        shopId: shop.id,
        keywords: ['包邮', '运费'],
        answer: '全店满 59 元包邮，新疆、西藏等偏远地区除外。',
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
      {
        shopId: shop.id,
        keywords: ['发票', '开票'],
        answer: '支持电子发票，确认收货后在订单详情里申请即可。',
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
      {
        shopId: shop.id,
        keywords: ['储存', '保存', '放冰箱'],
        answer: '脐橙常温阴凉处可放 2 周，不建议放冰箱冷冻。',
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
    ])
    .execute();
  await db
    .insertInto('chatAgents')
    .values(
      agents.map((userId) => ({
        shopId: shop.id,
        userId,
        status: 'away' as const,
        statusAt: new Date(now.getTime() - 60 * MINUTE),
      })),
    )
    .onConflict((oc) => oc.columns(['shopId', 'userId']).doNothing())
    .execute();

  // The sessions: 5–9 a day over the last 7 local days, within service hours.
  const todayStart = Math.floor((now.getTime() + OFFSET) / DAY) * DAY - OFFSET;
  const regular = buyers.filter((b) => !WAITING.some((w) => w.buyer === b.login));
  const plans: SessionPlan[] = [];
  for (let d = 7; d >= 1; d--) {
    const count = random.int(5, 9);
    for (let i = 0; i < count; i++) {
      const buyer = random.pick(regular);
      const startedAt = new Date(
        todayStart - d * DAY + random.int(9 * 60, 21 * 60) * MINUTE + random.int(0, 59) * 1000,
      );
      const human = random.chance(0.65);
      const question = human && random.chance(0.5) ? null : random.pick(QUESTIONS);
      const handedOffAt = human ? new Date(startedAt.getTime() + random.int(15, 90) * 1000) : null;
      // Most first replies within 45 s; about one in sixteen after 3 minutes.
      const late = random.chance(0.06);
      const responseMs = late ? random.int(190, 420) * 1000 : random.int(8, 45) * 1000;
      const firstReplyAt = handedOffAt ? new Date(handedOffAt.getTime() + responseMs) : null;
      const closedAt = new Date(
        (firstReplyAt ?? startedAt).getTime() + random.int(3, 12) * MINUTE + (human ? 0 : 30 * MINUTE),
      );
      // Three in four rate; a late answer is rated lower.
      const rated = human && random.chance(0.75);
      const rating: SessionPlan['rating'] = !rated
        ? null
        : late
          ? random.pick(['neutral', 'bad', 'good'] as const)
          : random.chance(0.9)
            ? 'good'
            : 'neutral';
      plans.push({
        buyerId: buyer.id,
        startedAt,
        handedOffAt,
        firstReplyAt,
        closedAt,
        agentId: human ? random.pick(agents) : null,
        rating,
        question,
        humanAsk: human ? random.pick(HUMAN_ASKS) : null,
        waiting: false,
      });
    }
  }
  for (const w of WAITING) {
    const buyerId = idOf.get(w.buyer);
    if (buyerId === undefined) continue;
    const startedAt = new Date(now.getTime() - w.minutes * MINUTE - 40_000);
    plans.push({
      buyerId,
      startedAt,
      handedOffAt: new Date(now.getTime() - w.minutes * MINUTE),
      firstReplyAt: null,
      closedAt: null,
      agentId: null,
      rating: null,
      question: null,
      humanAsk: w.ask,
      waiting: true,
    });
  }
  plans.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());

  // One conversation per buyer, opened at their first session, with a product card context.
  const firstOf = new Map<number, Date>();
  for (const p of plans) if (!firstOf.has(p.buyerId)) firstOf.set(p.buyerId, p.startedAt);
  const conversations = await db
    .insertInto('chatConversations')
    .values(
      [...firstOf].map(([buyerId, at], i) => ({
        shopId: shop.id,
        buyerId,
        contextType: products.length > 0 ? ('product' as const) : null,
        contextId: products.length > 0 ? products[i % products.length]!.id : null,
        lastMessageAt: at,
        createdAt: at,
      })),
    )
    .returning(['id', 'buyerId'])
    .execute();
  const conversationOf = new Map(conversations.map((c) => [c.buyerId, c.id]));

  const sessions = await db
    .insertInto('chatSessions')
    .values(
      plans.map((p) => ({
        conversationId: conversationOf.get(p.buyerId)!,
        shopId: shop.id,
        buyerId: p.buyerId,
        state: p.waiting ? ('queued' as const) : ('closed' as const),
        agentId: p.agentId,
        startedAt: p.startedAt,
        inServiceHours: true,
        handedOffAt: p.handedOffAt,
        firstHumanReplyAt: p.firstReplyAt,
        closedAt: p.closedAt,
        closeReason: p.waiting ? null : p.handedOffAt ? ('agent' as const) : ('idle' as const),
        rating: p.rating,
        ratingComment: p.rating === 'good' && random.chance(0.3) ? '回复很快，处理得很好' : null,
        ratedAt: p.rating && p.closedAt ? new Date(p.closedAt.getTime() + 2 * MINUTE) : null,
      })),
    )
    .returning('id')
    .execute();

  type Row = {
    conversationId: number;
    sessionId: number;
    sender: 'buyer' | 'agent' | 'bot' | 'system';
    senderId: number | null;
    kind: 'text' | 'rating_request';
    text: string | null;
    intent: string | null;
    createdAt: Date;
  };
  const messages: Row[] = [];
  const events: {
    sessionId: number;
    kind: 'started' | 'handed_off' | 'routed' | 'closed' | 'rated';
    byUser: number | null;
    toAgent: number | null;
    note: string | null;
    at: Date;
  }[] = [];
  plans.forEach((p, i) => {
    const sessionId = sessions[i]!.id;
    const conversationId = conversationOf.get(p.buyerId)!;
    const at = (ms: number) => new Date(p.startedAt.getTime() + ms);
    const msg = (m: Omit<Row, 'conversationId' | 'sessionId'>) =>
      messages.push({ conversationId, sessionId, ...m });
    events.push({
      sessionId,
      kind: 'started',
      byUser: p.buyerId,
      toAgent: null,
      note: null,
      at: p.startedAt,
    });
    const first = p.question?.ask ?? p.humanAsk ?? '在吗';
    msg({
      sender: 'buyer',
      senderId: p.buyerId,
      kind: 'text',
      text: first,
      intent: null,
      createdAt: p.startedAt,
    });
    msg({
      sender: 'bot',
      senderId: null,
      kind: 'text',
      text: '您好，欢迎来到鲜丰果园！水果产地现摘、冷链发货，有问题随时问我～',
      intent: 'welcome',
      createdAt: at(1000),
    });
    if (p.question) {
      msg({
        sender: 'bot',
        senderId: null,
        kind: 'text',
        text: p.question.bot,
        intent: p.question.intent,
        createdAt: at(1500),
      });
    }
    if (p.handedOffAt) {
      if (p.question) {
        msg({
          sender: 'buyer',
          senderId: p.buyerId,
          kind: 'text',
          text: p.humanAsk ?? '转人工',
          intent: null,
          createdAt: new Date(p.handedOffAt.getTime() - 1000),
        });
      }
      msg({
        sender: 'bot',
        senderId: null,
        kind: 'text',
        text: '正在为您转接人工客服，请稍候。',
        intent: 'hand_off',
        createdAt: p.handedOffAt,
      });
      events.push({
        sessionId,
        kind: 'handed_off',
        byUser: p.buyerId,
        toAgent: null,
        note: 'buyer',
        at: p.handedOffAt,
      });
    }
    if (p.firstReplyAt && p.agentId) {
      events.push({
        sessionId,
        kind: 'routed',
        byUser: null,
        toAgent: p.agentId,
        note: null,
        at: p.handedOffAt!,
      });
      msg({
        sender: 'agent',
        senderId: p.agentId,
        kind: 'text',
        text: random.pick(AGENT_ANSWERS),
        intent: null,
        createdAt: p.firstReplyAt,
      });
      msg({
        sender: 'buyer',
        senderId: p.buyerId,
        kind: 'text',
        text: '好的，谢谢',
        intent: null,
        createdAt: new Date(p.firstReplyAt.getTime() + MINUTE),
      });
    }
    if (p.closedAt) {
      events.push({
        sessionId,
        kind: 'closed',
        byUser: p.agentId,
        toAgent: null,
        note: p.handedOffAt ? 'agent' : 'idle',
        at: p.closedAt,
      });
      if (p.handedOffAt) {
        msg({
          sender: 'system',
          senderId: null,
          kind: 'rating_request',
          text: null,
          intent: null,
          createdAt: p.closedAt,
        });
      }
    }
    if (p.rating && p.closedAt) {
      events.push({
        sessionId,
        kind: 'rated',
        byUser: p.buyerId,
        toAgent: null,
        note: p.rating,
        at: new Date(p.closedAt.getTime() + 2 * MINUTE),
      });
    }
  });
  messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const inserted = await db
    .insertInto('chatMessages')
    .values(messages)
    .returning(['id', 'conversationId', 'sessionId', 'sender', 'createdAt'])
    .execute();
  await db.insertInto('chatSessionEvents').values(events).execute();

  // Each conversation's last message and read receipts: everything read, except the waiting buyers'.
  const last = new Map<number, { id: number; at: Date }>();
  for (const m of inserted) last.set(m.conversationId, { id: m.id, at: m.createdAt });
  const waitingSessions = new Set(plans.flatMap((p, i) => (p.waiting ? [sessions[i]!.id] : [])));
  const waitingConversations = new Map(
    plans.filter((p) => p.waiting).map((p) => [conversationOf.get(p.buyerId)!, p.handedOffAt!]),
  );
  // The shop has read up to just before the waiting buyer's question.
  const unreadFrom = new Map<number, number>();
  for (const m of inserted) {
    if (
      m.sender === 'buyer' &&
      m.sessionId !== null &&
      waitingSessions.has(m.sessionId) &&
      !unreadFrom.has(m.conversationId)
    )
      unreadFrom.set(m.conversationId, m.id);
  }
  for (const [conversationId, m] of last) {
    const waitingSince = waitingConversations.get(conversationId);
    await db
      .updateTable('chatConversations')
      .set({
        lastMessageId: m.id,
        lastMessageAt: m.at,
        waitingSince: waitingSince ? new Date(waitingSince.getTime() - 1000) : null,
        buyerReadId: m.id,
        shopReadId: waitingSince ? (unreadFrom.get(conversationId) ?? m.id) - 1 : m.id,
        shopUnread: waitingSince ? 1 : 0,
      })
      .where('id', '=', conversationId)
      .execute();
  }
  return { conversations: conversations.length, sessions: sessions.length, messages: inserted.length };
}
