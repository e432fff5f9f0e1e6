import type { Principal } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Executor } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Pagination, pageOf } from '../../platform/schemas.ts';
import {
  getComplaintFor,
  listComplaintQueue,
  listMyComplaints,
  listShopComplaints,
} from './complaint-view.ts';
import { counterNotify, decideComplaint, decideCounterNotice, fileComplaint } from './complaints.service.ts';
import {
  CertificationBody,
  CertificationDecisionBody,
  CertificationPage,
  CertificationQuery,
  CertificationSchema,
  ComplaintBody,
  ComplaintDecisionBody,
  ComplaintDetailSchema,
  ComplaintPageSchema,
  ComplaintQueueQuery,
  CounterNoticeBody,
  CounterNoticeDecisionBody,
  MyRightsHolderSchema,
  RightsHolderBody,
  RightsHolderSchema,
} from './ip.schema.ts';
import {
  decideCertification,
  fileCertification,
  getMyHolder,
  listCertifications,
  registerRightsHolder,
} from './rights-holders.service.ts';

// A rights holder is a profile on a buyer account, not an account kind of its own (no change to
// identity, access rules or the authorization matrix); ops vet the brand claims that matter.
const holders = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;
const reviewers = { ops: ['reviewer'] } as const;

/** IP protection (product rules §6): rights holders, brand certification, complaints, counter-notices. */
export async function ipRoutes(app: App, ctx: AppContext) {
  registerRoutes(app, ['ip'], ipRouteTable(ctx));
}

/** The IP API as a table: one row per route (access, schemas, the use case it calls). */
function ipRouteTable({ db, clock }: AppContext): AnyRouteSpec[] {
  /** A step on certification or complaint `:id` (the use case opens its transaction), answered with the record. */
  const act =
    <B>(
      useCase: (db: Executor, clock: Clock, principal: Principal, id: number, body: B) => Promise<unknown>,
    ) =>
    async ({ principal, params, body }: { principal: Principal; params: { id: number }; body: B }) =>
      useCase(db, clock, principal, params.id, body);

  return [
    // ---- rights holders and brand certification ------------------------------------------------
    route({
      method: 'POST',
      url: '/ip/rights-holders',
      access: holders,
      summary: 'Become a rights holder (权利人): a profile on your account',
      body: RightsHolderBody,
      response: { 201: RightsHolderSchema },
      status: 201,
      handler: async ({ principal, body }) => registerRightsHolder(db, principal, body),
    }),
    route({
      method: 'GET',
      url: '/me/ip/rights-holder',
      access: holders,
      summary: 'Your rights-holder profile with your brand certifications',
      response: { 200: MyRightsHolderSchema },
      handler: async ({ principal }) => getMyHolder(db, principal),
    }),
    route({
      method: 'POST',
      url: '/ip/certifications',
      access: holders,
      summary: 'Claim a brand with its trademark registration and evidence (ops certify it)',
      body: CertificationBody,
      response: { 201: CertificationSchema },
      status: 201,
      handler: async ({ principal, body }) => fileCertification(db, clock, principal, body),
    }),
    route({
      method: 'GET',
      url: '/ip/certifications',
      access: reviewers,
      summary: 'Ops queue: brand certifications, oldest first',
      querystring: CertificationQuery,
      response: { 200: CertificationPage },
      handler: async ({ query }) =>
        listCertifications(db, { state: query.state ?? 'pending', ...pageOf(query) }),
    }),
    route({
      method: 'POST',
      url: '/ip/certifications/:id/decision',
      access: reviewers,
      summary: 'Certify the holder for the brand (fast channel) or reject the claim',
      params: IdParams,
      body: CertificationDecisionBody,
      response: { 200: CertificationSchema },
      handler: act(decideCertification),
    }),

    // ---- complaints ----------------------------------------------------------------------------
    route({
      method: 'POST',
      url: '/ip/complaints',
      access: holders,
      summary: 'Complain about a product; certified for its brand, the product is taken down at once',
      body: ComplaintBody,
      response: { 201: ComplaintDetailSchema },
      status: 201,
      handler: async ({ principal, body }) => fileComplaint(db, clock, principal, body),
    }),
    route({
      method: 'GET',
      url: '/me/ip/complaints',
      access: holders,
      summary: 'Your complaints, newest first',
      querystring: Pagination,
      response: { 200: ComplaintPageSchema },
      handler: async ({ principal, query }) => listMyComplaints(db, principal, pageOf(query)),
    }),
    route({
      method: 'GET',
      url: '/shops/:id/ip-complaints',
      access: merchant,
      summary: "Complaints against the shop's products, newest first (the merchant's notices)",
      params: IdParams,
      querystring: Pagination,
      response: { 200: ComplaintPageSchema },
      handler: async ({ principal, params, query }) =>
        listShopComplaints(db, principal, params.id, pageOf(query)),
    }),
    route({
      method: 'GET',
      url: '/ip/complaints',
      access: reviewers,
      summary: 'Ops queue: complaints in a state (default ops_review), oldest first',
      querystring: ComplaintQueueQuery,
      response: { 200: ComplaintPageSchema },
      handler: async ({ query }) => listComplaintQueue(db, query.state ?? 'ops_review', pageOf(query)),
    }),
    route({
      method: 'GET',
      url: '/ip/complaints/:id',
      access: { kinds: ['buyer', 'merchant', 'ops'] },
      summary: 'A complaint with its timeline, for its holder, the shop complained about and ops',
      params: IdParams,
      response: { 200: ComplaintDetailSchema },
      handler: async ({ principal, params }) => getComplaintFor(db, principal, params.id),
    }),
    route({
      method: 'POST',
      url: '/ip/complaints/:id/decision',
      access: reviewers,
      summary: 'Uphold (take the product down, open the counter-notice window) or reject a complaint',
      params: IdParams,
      body: ComplaintDecisionBody,
      response: { 200: ComplaintDetailSchema },
      handler: act(decideComplaint),
    }),
    route({
      method: 'POST',
      url: '/ip/complaints/:id/counter-notice',
      access: merchant,
      summary: 'Counter-notify an upheld complaint with evidence, within the window (goes to ops)',
      params: IdParams,
      body: CounterNoticeBody,
      response: { 200: ComplaintDetailSchema },
      handler: act(counterNotify),
    }),
    route({
      method: 'POST',
      url: '/ip/complaints/:id/counter-notice/decision',
      access: reviewers,
      summary: 'Accept a counter-notice (product back to listing review) or confirm the takedown',
      params: IdParams,
      body: CounterNoticeDecisionBody,
      response: { 200: ComplaintDetailSchema },
      handler: act(decideCounterNotice),
    }),
  ];
}
