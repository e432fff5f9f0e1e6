import { createHash } from 'node:crypto';
import type { Principal } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { idempotencyNote, moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { runIdempotent } from '../../platform/run-idempotent.ts';
import { IdempotencyHeaders, IdParams } from '../../platform/schemas.ts';
import type { Call } from './action-context.ts';
import { addEvidence } from './actions/add-evidence.ts';
import { approveRequest } from './actions/approve.ts';
import { cancelRequest } from './actions/cancel.ts';
import { confirmReturnReceipt } from './actions/confirm-receipt.ts';
import { decideArbitration } from './actions/decide-arbitration.ts';
import { escalateRequest } from './actions/escalate.ts';
import { extendReceipt } from './actions/extend-receipt.ts';
import { recordCommunication } from './actions/record-communication.ts';
import { rejectRequest } from './actions/reject.ts';
import { reship } from './actions/reship.ts';
import { shipReturn } from './actions/ship-return.ts';
import {
  CommunicationBody,
  CommunicationCreated,
  DecideBody,
  EvidenceBody,
  InboxQuery,
  LineOptionsSchema,
  ListQuerySchema,
  OpenRequestBody,
  OptionsQuery,
  QueuePage,
  QueueQuery,
  ReasonBody,
  RejectBody,
  RequestConversations,
  RequestPage,
  RequestSchema,
  ShipBody,
} from './aftersales.schema.ts';
import { arbitrationQueue } from './arbitration.service.ts';
import { buyerTierRoutes } from './buyer-tier.routes.ts';
import { openRequestView } from './open-request.ts';
import { requestConversations } from './request-conversations.ts';
import { lineOptions } from './request-options.service.ts';
import { buyerRequests, requestView, shopInbox } from './request-view.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;
const parties = { kinds: ['buyer', 'merchant'] } as const;
const arbiters = { ops: ['arbiter'] } as const;
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const acted = { 200: RequestSchema, ...errors };

export async function aftersalesRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['after-sales'], aftersalesRouteTable(ctx));
  await buyerTierRoutes(app, ctx);
}

/** The after-sales API as a table: one row per route (access, schemas, the use case it calls). */
function aftersalesRouteTable({ db, clock, settings }: AppContext): AnyRouteSpec[] {
  const call = (tx: Tx, principal: Principal): Call => ({ tx, principal, now: clock.now(), settings });
  /**
   * A state-changing action on request `:id`: the route opens the one transaction for the use case
   * (action-context.ts), then answers with the request as it now stands.
   */
  const act =
    <B>(useCase: (call: Call, requestId: number, body: B) => Promise<unknown>) =>
    async (input: { principal: Principal; params: { id: number }; body: B }) => {
      const { principal, params } = input;
      await db.transaction().execute((tx) => useCase(call(tx, principal), params.id, input.body));
      return requestView(db, principal, params.id);
    };

  return [
    // ---- buyer ---------------------------------------------------------------------------------
    route({
      method: 'POST',
      url: '/aftersales/requests',
      access: buyer,
      summary:
        'Open an after-sales request on a line of your order (refund, return, exchange, resend, guarantee claim)',
      description: `product rules §5; the numbers are configuration (GET /configuration, section \`aftersales\`). Decided within the request where the rules allow: 极速退款 (unshipped, below \`aftersales.instantRefundBelowFen\`) refunds at once; 闪电退货 (within the no-reason window \`aftersales.noReasonReturnMs\`, subjective reason, up to \`aftersales.lightningReturnMaxFen\`) approves the return at once; a counterfeit claim on a 假一赔N item goes to arbitration. Otherwise the merchant answers within \`aftersales.merchantResponseMs\` (\`aftersales.guaranteeClaimResponseMs\` for a guarantee claim). At most \`aftersales.maxRequestsPerLine\` requests per line; one open at a time. ${idempotencyNote}`,
      headers: IdempotencyHeaders,
      body: OpenRequestBody,
      response: { 201: RequestSchema, ...moneyResponses, 400: errorBodySchema },
      handler: async ({ principal, body, headers }, reply) => {
        const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
        const key = {
          userId: principal.userId,
          key: headers['idempotency-key'],
          hash: `aftersales:open:${hash}`,
        };
        const outcome = await runIdempotent(db, key, async (tx) =>
          openRequestView(call(tx, principal), body),
        );
        return sendOutcome(reply, outcome);
      },
    }),
    route({
      method: 'GET',
      url: '/aftersales/options',
      access: buyer,
      summary:
        'What you may ask on a line of your order: the types and reasons that fit it, and what each quantity refunds',
      description:
        'The same rule decides what POST /aftersales/requests accepts: by the order’s state (unshipped, on its way, received), the product’s category (perishable, cosmetic, custom-made, virtual) and the guarantees on the line.',
      querystring: OptionsQuery,
      response: { 200: LineOptionsSchema, 400: errorBodySchema, 404: errorBodySchema },
      handler: async ({ principal, query }) =>
        lineOptions(db, principal.userId, query.orderId, query.orderLineId, clock.now()),
    }),
    route({
      method: 'GET',
      url: '/aftersales/requests',
      access: buyer,
      summary: 'Your after-sales requests, newest first',
      querystring: ListQuerySchema,
      response: { 200: RequestPage },
      handler: async ({ principal, query }) =>
        buyerRequests(db, principal.userId, {
          open: query.open,
          orderId: query.orderId,
          limit: query.limit ?? 20,
          offset: query.offset ?? 0,
        }),
    }),
    route({
      method: 'GET',
      url: '/aftersales/requests/:id',
      access: 'user',
      scope: 'aftersales:read',
      summary: 'A request with its deadline, parcels, arbitration, evidence, money and explained timeline',
      description: 'For its buyer, members of its shop, and ops; others get 404.',
      params: IdParams,
      response: { 200: RequestSchema, 404: errorBodySchema },
      handler: async ({ principal, params }) => requestView(db, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/evidence',
      access: parties,
      scope: 'aftersales:write',
      summary:
        'Add evidence (text and uploaded images); the merchant’s evidence in arbitration closes its window',
      params: IdParams,
      body: EvidenceBody,
      response: { 201: RequestSchema, ...errors },
      status: 201,
      handler: act(addEvidence),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/return-shipment',
      access: buyer,
      summary:
        'Ship the return (carrier and waybill); the merchant then confirms receipt within `aftersales.merchantReceiptMs`',
      params: IdParams,
      body: ShipBody,
      response: acted,
      handler: act(shipReturn),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/cancel',
      access: buyer,
      summary: 'Withdraw your request',
      params: IdParams,
      response: acted,
      handler: act(cancelRequest),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/escalate',
      access: buyer,
      summary:
        'Ask the platform to arbitrate a rejected request (within `aftersales.resubmitWindowMs` of the rejection)',
      params: IdParams,
      body: ReasonBody,
      response: acted,
      handler: act(escalateRequest),
    }),

    // ---- merchant ------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/shops/:id/aftersales',
      access: merchant,
      scope: 'aftersales:read',
      summary:
        'The shop’s after-sales inbox: open requests, most urgent deadline first; closed ones added on request',
      params: IdParams,
      querystring: InboxQuery,
      response: { 200: RequestPage, 404: errorBodySchema },
      handler: async ({ principal, params, query }) =>
        shopInbox(db, principal, params.id, {
          open: query.open,
          includeClosed: query.includeClosed,
          awaitingMerchant: query.awaitingMerchant,
          limit: query.limit ?? 20,
          offset: query.offset ?? 0,
        }),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/approve',
      access: merchant,
      scope: 'aftersales:write',
      summary:
        'Approve: a refund is paid at once, a return gets the return address, a resend awaits the parcel',
      params: IdParams,
      response: acted,
      handler: act(approveRequest),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/communications',
      access: merchant,
      scope: 'aftersales:write',
      summary: 'Record a communication with the buyer (a rejection needs one)',
      params: IdParams,
      body: CommunicationBody,
      response: { 201: CommunicationCreated, ...errors },
      status: 201,
      handler: async ({ principal, params, body }) => ({
        id: await db.transaction().execute((tx) => recordCommunication(call(tx, principal), params.id, body)),
      }),
    }),
    route({
      method: 'GET',
      url: '/aftersales/requests/:id/conversations',
      access: merchant,
      scope: 'aftersales:read',
      summary: "The buyer's conversations with the shop a recorded communication can cite (关联会话)",
      description:
        'Citable when both the buyer and a person of the shop wrote in it (the bot alone does not count).',
      params: IdParams,
      response: { 200: RequestConversations, ...errors },
      handler: async ({ principal, params }) => ({
        items: await requestConversations(db, principal, params.id),
      }),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/reject',
      access: merchant,
      scope: 'aftersales:write',
      summary: 'Reject a request, or refuse a returned parcel, after a recorded communication with the buyer',
      params: IdParams,
      body: RejectBody,
      response: acted,
      handler: act(rejectRequest),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/confirm-receipt',
      access: merchant,
      scope: 'aftersales:write',
      summary:
        'Confirm the returned parcel arrived: a return is refunded, an exchange awaits the replacement',
      params: IdParams,
      response: acted,
      handler: act(confirmReturnReceipt),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/extend-receipt',
      access: merchant,
      scope: 'aftersales:write',
      summary: 'Extend the receipt deadline once, by `aftersales.receiptExtensionMs`',
      params: IdParams,
      response: acted,
      handler: act(extendReceipt),
    }),
    route({
      method: 'POST',
      url: '/aftersales/requests/:id/reshipment',
      access: merchant,
      scope: 'aftersales:write',
      summary: 'Ship the replacement of an exchange or resend: the request is resolved',
      params: IdParams,
      body: ShipBody,
      response: acted,
      handler: act(reship),
    }),

    // ---- ops -----------------------------------------------------------------------------------
    route({
      method: 'GET',
      url: '/ops/arbitrations',
      access: arbiters,
      summary: 'The arbitration queue: cases ready for decision first, then by evidence deadline',
      querystring: QueueQuery,
      response: { 200: QueuePage },
      handler: async ({ query }) =>
        arbitrationQueue(db, { state: query.state, limit: query.limit ?? 20, offset: query.offset ?? 0 }),
    }),
    route({
      method: 'POST',
      url: '/ops/arbitrations/:id/decision',
      access: arbiters,
      summary: 'Decide an arbitration (full, partial, reject) with the reason both parties see',
      description:
        'The id is the after-sales request id. A confirmed counterfeit on a 假一赔十 line also pays N × the paid amount, charged to the merchant.',
      params: IdParams,
      body: DecideBody,
      response: acted,
      handler: act(decideArbitration),
    }),
  ];
}
