import type { Principal } from '../../platform/access.ts';
import type { Executor } from '../../platform/db.ts';
import { invalidField, notFound } from '../../platform/errors.ts';
import { requireShopMember } from '../shops/index.ts';
import type { RoutingMode, ServiceHours } from './chat.tables.ts';
import { DEFAULT_SERVICE_HOURS } from './service-hours.rule.ts';

/** A shop's auto-reply and routing settings (product rules §8.3); the defaults when it saved none. */
export interface ChatSettings {
  welcome: string | null;
  offHoursReply: string | null;
  serviceHours: ServiceHours;
  routing: RoutingMode;
  botEnabled: boolean;
  updatedAt: Date | null;
}

export const DEFAULT_CHAT_SETTINGS: ChatSettings = {
  welcome: null,
  offHoursReply: null,
  serviceHours: DEFAULT_SERVICE_HOURS,
  routing: 'last_agent',
  botEnabled: true,
  updatedAt: null,
};

/** The shop's settings as the services read them (no access check). */
export async function shopChatSettings(db: Executor, shopId: number): Promise<ChatSettings> {
  const row = await db
    .selectFrom('chatSettings')
    .select(['welcome', 'offHoursReply', 'serviceHours', 'routing', 'botEnabled', 'updatedAt'])
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  return row ?? DEFAULT_CHAT_SETTINGS;
}

export async function readChatSettings(
  db: Executor,
  principal: Principal,
  shopId: number,
): Promise<ChatSettings> {
  await requireShopMember(db, principal, shopId);
  return shopChatSettings(db, shopId);
}

export type ChatSettingsInput = Omit<ChatSettings, 'updatedAt'>;

const blankToNull = (text: string | null) => (text === null || text.trim() === '' ? null : text.trim());

/** The owner saves the whole settings (a PUT): texts trimmed, blank → none; days once each, sorted. */
export async function saveChatSettings(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: ChatSettingsInput,
  now: Date,
): Promise<ChatSettings> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const days = [...new Set(input.serviceHours.days)].sort((a, b) => a - b);
  if (days.length === 0) throw invalidField('serviceHours.days', 'at least one day');
  const values = {
    welcome: blankToNull(input.welcome),
    offHoursReply: blankToNull(input.offHoursReply),
    serviceHours: JSON.stringify({ days, from: input.serviceHours.from, to: input.serviceHours.to }),
    routing: input.routing,
    botEnabled: input.botEnabled,
    updatedAt: now,
  };
  await db
    .insertInto('chatSettings')
    .values({ shopId, ...values })
    .onConflict((oc) => oc.column('shopId').doUpdateSet(values))
    .execute();
  return shopChatSettings(db, shopId);
}

/** A merchant's keyword answer: any of its keywords in a buyer's message sends the answer. */
export interface KeywordReply {
  id: number;
  keywords: string[];
  answer: string;
  createdAt: Date;
}

export const MAX_KEYWORD_REPLIES = 50;

export async function shopKeywordReplies(db: Executor, shopId: number): Promise<KeywordReply[]> {
  return db
    .selectFrom('chatKeywordReplies')
    .select(['id', 'keywords', 'answer', 'createdAt'])
    .where('shopId', '=', shopId)
    .orderBy('id')
    .execute();
}

export async function listKeywordReplies(db: Executor, principal: Principal, shopId: number) {
  await requireShopMember(db, principal, shopId);
  return { items: await shopKeywordReplies(db, shopId) };
}

export interface KeywordReplyInput {
  keywords: string[];
  answer: string;
}

function cleaned(input: KeywordReplyInput) {
  const keywords = [...new Set(input.keywords.map((k) => k.trim()).filter((k) => k !== ''))];
  if (keywords.length === 0) throw invalidField('keywords', 'at least one keyword');
  return { keywords, answer: input.answer.trim() };
}

export async function createKeywordReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  input: KeywordReplyInput,
  now: Date,
): Promise<KeywordReply> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const count = await db
    .selectFrom('chatKeywordReplies')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('shopId', '=', shopId)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_KEYWORD_REPLIES) {
    throw invalidField('keywords', 'at most 50 keyword replies per shop');
  }
  return db
    .insertInto('chatKeywordReplies')
    .values({ shopId, ...cleaned(input), createdAt: now })
    .returning(['id', 'keywords', 'answer', 'createdAt'])
    .executeTakeFirstOrThrow();
}

export async function updateKeywordReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  id: number,
  input: KeywordReplyInput,
): Promise<KeywordReply> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const row = await db
    .updateTable('chatKeywordReplies')
    .set(cleaned(input))
    .where('id', '=', id)
    .where('shopId', '=', shopId)
    .returning(['id', 'keywords', 'answer', 'createdAt'])
    .executeTakeFirst();
  if (!row) throw notFound('keyword reply', id);
  return row;
}

export async function deleteKeywordReply(
  db: Executor,
  principal: Principal,
  shopId: number,
  id: number,
): Promise<{ ok: true }> {
  await requireShopMember(db, principal, shopId, { ownerOnly: true });
  const result = await db
    .deleteFrom('chatKeywordReplies')
    .where('id', '=', id)
    .where('shopId', '=', shopId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw notFound('keyword reply', id);
  return { ok: true };
}
