import { createHash } from 'node:crypto';
import type { Principal } from '../../platform/access.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { type App, errorBodySchema } from '../../platform/http.ts';
import { idempotencyNote, moneyResponses, sendOutcome } from '../../platform/idempotent-http.ts';
import { runIdempotent } from '../../platform/run-idempotent.ts';
import { IdempotencyHeaders, IdParams } from '../../platform/schemas.ts';
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
  RequestPage,
  RequestSchema,
  ShipBody,
} from './aftersales.schema.ts';
import { arbitrationQueue, decideArbitration } from './arbitration.service.ts';
import { lineOptions } from './request-options.service.ts';
import { buyerRequests, requestView, shopInbox } from './request-view.ts';
import {
  addEvidence,
  approveRequest,
  cancelRequest,
  confirmReturnReceipt,
  escalateRequest,
  extendReceipt,
  openRequest,
  recordCommunication,
  rejectRequest,
  reship,
  shipReturn,
} from './requests.service.ts';

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;
const parties = { kinds: ['buyer', 'merchant'] } as const;
const arbiters = { ops: ['arbiter'] } as const;
const errors = { 400: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

export async function aftersalesRoutes(app: App, ctx: AppContext) {
  const { db, clock, settings } = ctx;
  const tags = ['after-sales'];
  /** A state-changing action: one transaction, then the request as it now stands. */
  async function act(principal: Principal, id: number, work: (tx: Tx) => Promise<unknown>) {
    await db.transaction().execute(work);
    return requestView(db, principal, id);
  }

  app.post(
    '/aftersales/requests',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary:
          'Open an after-sales request on a line of your order (refund, return, exchange, resend, guarantee claim)',
        description: `product rules §5; the numbers are configuration (GET /configuration, section \`aftersales\`). Decided within the request where the rules allow: 极速退款 (unshipped, below \`aftersales.instantRefundBelowFen\`) refunds at once; 闪电退货 (within the no-reason window \`aftersales.noReasonReturnMs\`, subjective reason, up to \`aftersales.lightningReturnMaxFen\`) approves the return at once; a counterfeit claim on a 假一赔N item goes to arbitration. Otherwise the merchant answers within \`aftersales.merchantResponseMs\` (\`aftersales.guaranteeClaimResponseMs\` for a guarantee claim). At most \`aftersales.maxRequestsPerLine\` requests per line; one open at a time. $idempotencyNote`,
        headers: IdempotencyHeaders,
        body: OpenRequestBody,
        response: { 201: RequestSchema, ...moneyResponses, 400: errorBodySchema },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const body = request.body;
      const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
      const outcome = await runIdempotent(
        db,
        {
          userId: principal.userId,
          key: request.headers['idempotency-key'],
          hash: `aftersales:open:$hash`,
        },
        async (tx) => {
          const id = await openRequest(tx, principal, body, clock.now(), settings);
          return requestView(tx, principal, id);
        },
      );
      return sendOutcome(reply, outcome);
    },
  );

  app.get(
    '/aftersales/options',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary:
          'What you may ask on a line of your order: the types and reasons that fit it, and what each quantity refunds',
        description:
          'The same rule decides what POST /aftersales/requests accepts: by the order’s state (unshipped, on its way, received), the product’s category (perishable, cosmetic, custom-made, virtual) and the guarantees on the line.',
        querystring: OptionsQuery,
        response: { 200: LineOptionsSchema, 400: errorBodySchema, 404: errorBodySchema },
      },
    },
    async (request) =>
      lineOptions(
        db,
        request.principal!.userId,
        request.query.orderId,
        request.query.orderLineId,
        clock.now(),
      ),
  );

  app.get(
    '/aftersales/requests',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'Your after-sales requests, newest first',
        querystring: ListQuerySchema,
        response: { 200: RequestPage },
      },
    },
    async (request) =>
      buyerRequests(db, request.principal!.userId, {
        open: request.query.open,
        orderId: request.query.orderId,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/aftersales/requests/:id',
    {
      config: { access: 'user' },
      schema: {
        tags,
        summary: 'A request with its deadline, parcels, arbitration, evidence, money and explained timeline',
        description: 'For its buyer, members of its shop, and ops; others get 404.',
        params: IdParams,
        response: { 200: RequestSchema, 404: errorBodySchema },
      },
    },
    async (request) => requestView(db, request.principal!, request.params.id),
  );

  app.post(
    '/aftersales/requests/:id/evidence',
    {
      config: { access: parties },
      schema: {
        tags,
        summary:
          'Add evidence (text and uploaded images); the merchant’s evidence in arbitration closes its window',
        params: IdParams,
        body: EvidenceBody,
        response: { 201: RequestSchema, ...errors },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const id = request.params.id;
      const body = await act(principal, id, (tx) =>
        addEvidence(tx, principal, id, request.body, clock.now()),
      );
      return reply.code(201).send(body);
    },
  );

  app.post(
    '/aftersales/requests/:id/return-shipment',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary:
          'Ship the return (carrier and waybill); the merchant then confirms receipt within `aftersales.merchantReceiptMs`',
        params: IdParams,
        body: ShipBody,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => shipReturn(tx, principal, id, request.body, clock.now()));
    },
  );

  app.post(
    '/aftersales/requests/:id/cancel',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary: 'Withdraw your request',
        params: IdParams,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => cancelRequest(tx, principal, id, clock.now()));
    },
  );

  app.post(
    '/aftersales/requests/:id/escalate',
    {
      config: { access: buyer },
      schema: {
        tags,
        summary:
          'Ask the platform to arbitrate a rejected request (within `aftersales.resubmitWindowMs` of the rejection)',
        params: IdParams,
        body: ReasonBody,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => escalateRequest(tx, principal, id, request.body, clock.now()));
    },
  );

  // ---- merchant --------------------------------------------------------------------------------

  app.get(
    '/shops/:id/aftersales',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'The shop’s after-sales inbox: open requests, most urgent deadline first; closed ones added on request',
        params: IdParams,
        querystring: InboxQuery,
        response: { 200: RequestPage, 404: errorBodySchema },
      },
    },
    async (request) =>
      shopInbox(db, request.principal!, request.params.id, {
        open: request.query.open,
        includeClosed: request.query.includeClosed,
        awaitingMerchant: request.query.awaitingMerchant,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/aftersales/requests/:id/approve',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Approve: a refund is paid at once, a return gets the return address, a resend awaits the parcel',
        params: IdParams,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => approveRequest(tx, principal, id, clock.now(), settings));
    },
  );

  app.post(
    '/aftersales/requests/:id/communications',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Record a communication with the buyer (a rejection needs one)',
        params: IdParams,
        body: CommunicationBody,
        response: { 201: CommunicationCreated, ...errors },
      },
    },
    async (request, reply) => {
      const principal = request.principal!;
      const id = await db
        .transaction()
        .execute((tx) => recordCommunication(tx, principal, request.params.id, request.body, clock.now()));
      return reply.code(201).send({ id });
    },
  );

  app.post(
    '/aftersales/requests/:id/reject',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Reject a request, or refuse a returned parcel, after a recorded communication with the buyer',
        params: IdParams,
        body: RejectBody,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => rejectRequest(tx, principal, id, request.body, clock.now()));
    },
  );

  app.post(
    '/aftersales/requests/:id/confirm-receipt',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary:
          'Confirm the returned parcel arrived: a return is refunded, an exchange awaits the replacement',
        params: IdParams,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => confirmReturnReceipt(tx, principal, id, clock.now(), settings));
    },
  );

  app.post(
    '/aftersales/requests/:id/extend-receipt',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Extend the receipt deadline once, by `aftersales.receiptExtensionMs`',
        params: IdParams,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => extendReceipt(tx, principal, id, clock.now()));
    },
  );

  app.post(
    '/aftersales/requests/:id/reshipment',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'Ship the replacement of an exchange or resend: the request is resolved',
        params: IdParams,
        body: ShipBody,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) => reship(tx, principal, id, request.body, clock.now()));
    },
  );

  // ---- ops -------------------------------------------------------------------------------------

  app.get(
    '/ops/arbitrations',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'The arbitration queue: cases ready for decision first, then by evidence deadline',
        querystring: QueueQuery,
        response: { 200: QueuePage },
      },
    },
    async (request) =>
      arbitrationQueue(db, {
        state: request.query.state,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.post(
    '/ops/arbitrations/:id/decision',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'Decide an arbitration (full, partial, reject) with the reason both parties see',
        description:
          'The id is the after-sales request id. A confirmed counterfeit on a 假一赔十 line also pays N × the paid amount, charged to the merchant.',
        params: IdParams,
        body: DecideBody,
        response: { 200: RequestSchema, ...errors },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const id = request.params.id;
      return act(principal, id, (tx) =>
        decideArbitration(tx, principal, id, request.body, clock.now(), settings),
      );
    },
  );
}
