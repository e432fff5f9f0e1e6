import type { AppContext } from '../../platform/context.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Ok } from '../../platform/schemas.ts';
import { listAgents, setAgentRole, setMyStatus } from './agents.service.ts';
import {
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  updateCannedReply,
} from './canned-replies.service.ts';
import { customerPanel } from './customer-panel.service.ts';
import { shopInbox } from './inbox.service.ts';
import { buyerAsksForHuman, closeByAgent, takeSession, transferSession } from './session-actions.service.ts';
import {
  AgentRoleBody,
  CannedReplyBody,
  CannedReplyList,
  CannedReplySchema,
  ChatAgentList,
  ChatAgentSchema,
  CustomerPanelSchema,
  InboxQuery,
  InboxSchema,
  SessionStatusSchema,
  ShopReplyParams,
  ShopUserParams,
  StatusBody,
  StatusResult,
  TransferBody,
} from './workstation.schema.ts';

const merchant = { kinds: ['merchant'] } as const;
const buyers = { kinds: ['buyer'] } as const;
const errors = { 400: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/**
 * The customer-service workstation (product rules §8.2): the inbox, agents and their status, taking,
 * transferring and closing sessions, canned replies and the customer panel; and the buyer's 转人工.
 */
export async function chatWorkstationRoutes(app: App, ctx: AppContext): Promise<void> {
  registerRoutes(app, ['chat'], workstationRouteTable(ctx));
}

function workstationRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/shops/:id/chat/inbox',
      access: merchant,
      summary: "The workstation's conversations, longest waiting first, then the latest message",
      description: 'For agents of the shop (the owner, staff with the CS role). 403 for staff without it.',
      params: IdParams,
      querystring: InboxQuery,
      response: { 200: InboxSchema, ...errors },
      handler: async ({ principal, params, query }) => ({
        items: await shopInbox(db, principal, params.id, query.status ?? 'all', query.limit ?? 100),
      }),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/chat/agents',
      access: merchant,
      summary: "The shop's people: who serves customers, online or away, open conversations and cap",
      params: IdParams,
      response: { 200: ChatAgentList, ...errors },
      handler: async ({ principal, params }) => ({ items: await listAgents(db, principal, params.id) }),
    }),
    route({
      method: 'PUT',
      url: '/shops/:id/chat/agents/:userId',
      access: merchant,
      summary: 'Give a staff member the customer-service role or take it back; set the cap (owner)',
      description:
        'The owner always serves (isAgent false for the owner: 400). Taking the role from someone still serving buyers: 409 (transfer or close first).',
      params: ShopUserParams,
      body: AgentRoleBody,
      response: { 200: ChatAgentSchema, ...errors },
      handler: async ({ principal, params, body }) =>
        setAgentRole(db, principal, params.id, params.userId, body, clock),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/chat/status',
      access: merchant,
      summary: 'My status: online (new conversations come to me, waiting ones at once) or away',
      params: IdParams,
      body: StatusBody,
      response: { 200: StatusResult, ...errors },
      handler: async ({ principal, params, body }) =>
        setMyStatus(db, principal, params.id, body.status, clock),
    }),
    route({
      method: 'POST',
      url: '/chat/sessions/:id/take',
      access: merchant,
      summary: 'Take a waiting conversation (or step in for the bot)',
      description: '409 when another agent has it.',
      params: IdParams,
      response: { 200: SessionStatusSchema, ...errors },
      handler: async ({ principal, params }) => takeSession(db, principal, params.id, clock),
    }),
    route({
      method: 'POST',
      url: '/chat/sessions/:id/transfer',
      access: merchant,
      summary: 'Hand a conversation to an online colleague, with a note',
      description:
        'The agent serving it or the owner. 400 naming toAgentId when the colleague is away or no agent.',
      params: IdParams,
      body: TransferBody,
      response: { 200: SessionStatusSchema, ...errors },
      handler: async ({ principal, params, body }) => transferSession(db, principal, params.id, body, clock),
    }),
    route({
      method: 'POST',
      url: '/chat/sessions/:id/close',
      access: merchant,
      summary: 'End the session; the buyer is asked to rate it',
      params: IdParams,
      response: { 200: SessionStatusSchema, ...errors },
      handler: async ({ principal, params }) => closeByAgent(db, principal, params.id, clock),
    }),
    route({
      method: 'POST',
      url: '/chat/conversations/:id/human',
      access: buyers,
      summary: 'Ask for a person (转人工): the session is queued and routed to an online agent',
      params: IdParams,
      response: { 200: SessionStatusSchema, ...errors },
      handler: async ({ principal, params }) => buyerAsksForHuman(db, principal, params.id, clock),
    }),
    route({
      method: 'GET',
      url: '/chat/conversations/:id/customer',
      access: merchant,
      summary: "The customer panel: the buyer's orders with the shop, after-sales requests, past sessions",
      params: IdParams,
      response: { 200: CustomerPanelSchema, ...errors },
      handler: async ({ principal, params }) => customerPanel(db, principal, params.id),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/chat/canned-replies',
      access: merchant,
      summary: "The shop's canned replies (快捷短语)",
      params: IdParams,
      response: { 200: CannedReplyList, ...errors },
      handler: async ({ principal, params }) => ({
        items: await listCannedReplies(db, principal, params.id),
      }),
    }),
    route({
      method: 'POST',
      url: '/shops/:id/chat/canned-replies',
      access: merchant,
      summary: 'Add a canned reply (any agent; at most 200 a shop)',
      params: IdParams,
      body: CannedReplyBody,
      response: { 201: CannedReplySchema, ...errors },
      status: 201,
      handler: async ({ principal, params, body }) =>
        createCannedReply(db, principal, params.id, body, clock),
    }),
    route({
      method: 'PUT',
      url: '/shops/:id/chat/canned-replies/:replyId',
      access: merchant,
      summary: 'Change a canned reply',
      params: ShopReplyParams,
      body: CannedReplyBody,
      response: { 200: CannedReplySchema, ...errors },
      handler: async ({ principal, params, body }) =>
        updateCannedReply(db, principal, params.id, params.replyId, body),
    }),
    route({
      method: 'DELETE',
      url: '/shops/:id/chat/canned-replies/:replyId',
      access: merchant,
      summary: 'Delete a canned reply',
      params: ShopReplyParams,
      response: { 200: Ok, ...errors },
      handler: async ({ principal, params }) => {
        await deleteCannedReply(db, principal, params.id, params.replyId);
        return { ok: true as const };
      },
    }),
  ];
}
