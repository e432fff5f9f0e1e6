import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, Pagination } from '../../platform/schemas.ts';
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
const reviewers = { ops: ['reviewer'] } as const;

/** IP protection (product rules §6): rights holders, brand certification, complaints, counter-notices. */
export async function ipRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  const tags = ['ip'];

  app.post(
    '/ip/rights-holders',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Become a rights holder (权利人): a profile on your account',
        body: RightsHolderBody,
        response: { 201: RightsHolderSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return registerRightsHolder(db, request.principal!, request.body);
    },
  );

  app.get(
    '/me/ip/rights-holder',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Your rights-holder profile with your brand certifications',
        response: { 200: MyRightsHolderSchema },
      },
    },
    async (request) => getMyHolder(db, request.principal!),
  );

  app.post(
    '/ip/certifications',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Claim a brand with its trademark registration and evidence (ops certify it)',
        body: CertificationBody,
        response: { 201: CertificationSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return fileCertification(db, clock, request.principal!, request.body);
    },
  );

  app.get(
    '/ip/certifications',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Ops queue: brand certifications, oldest first',
        querystring: CertificationQuery,
        response: { 200: CertificationPage },
      },
    },
    async (request) => {
      const { state = 'pending', limit = 20, offset = 0 } = request.query;
      return listCertifications(db, { state, limit, offset });
    },
  );

  app.post(
    '/ip/certifications/:id/decision',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Certify the holder for the brand (fast channel) or reject the claim',
        params: IdParams,
        body: CertificationDecisionBody,
        response: { 200: CertificationSchema },
      },
    },
    async (request) => decideCertification(db, clock, request.principal!, request.params.id, request.body),
  );

  app.post(
    '/ip/complaints',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Complain about a product; certified for its brand, the product is taken down at once',
        body: ComplaintBody,
        response: { 201: ComplaintDetailSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return fileComplaint(db, clock, request.principal!, request.body);
    },
  );

  app.get(
    '/me/ip/complaints',
    {
      config: { access: holders },
      schema: {
        tags,
        summary: 'Your complaints, newest first',
        querystring: Pagination,
        response: { 200: ComplaintPageSchema },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0 } = request.query;
      return listMyComplaints(db, request.principal!, { limit, offset });
    },
  );

  app.get(
    '/shops/:id/ip-complaints',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: {
        tags,
        summary: "Complaints against the shop's products, newest first (the merchant's notices)",
        params: IdParams,
        querystring: Pagination,
        response: { 200: ComplaintPageSchema },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0 } = request.query;
      return listShopComplaints(db, request.principal!, request.params.id, { limit, offset });
    },
  );

  app.get(
    '/ip/complaints',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Ops queue: complaints in a state (default ops_review), oldest first',
        querystring: ComplaintQueueQuery,
        response: { 200: ComplaintPageSchema },
      },
    },
    async (request) => {
      const { state = 'ops_review', limit = 20, offset = 0 } = request.query;
      return listComplaintQueue(db, state, { limit, offset });
    },
  );

  app.get(
    '/ip/complaints/:id',
    {
      config: { access: { kinds: ['buyer', 'merchant', 'ops'] } },
      schema: {
        tags,
        summary: 'A complaint with its timeline, for its holder, the shop complained about and ops',
        params: IdParams,
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => getComplaintFor(db, request.principal!, request.params.id),
  );

  app.post(
    '/ip/complaints/:id/decision',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Uphold (take the product down, open the counter-notice window) or reject a complaint',
        params: IdParams,
        body: ComplaintDecisionBody,
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => decideComplaint(db, clock, request.principal!, request.params.id, request.body),
  );

  app.post(
    '/ip/complaints/:id/counter-notice',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: {
        tags,
        summary: 'Counter-notify an upheld complaint with evidence, within the window (goes to ops)',
        params: IdParams,
        body: CounterNoticeBody,
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => counterNotify(db, clock, request.principal!, request.params.id, request.body),
  );

  app.post(
    '/ip/complaints/:id/counter-notice/decision',
    {
      config: { access: reviewers },
      schema: {
        tags,
        summary: 'Accept a counter-notice (product back to listing review) or confirm the takedown',
        params: IdParams,
        body: CounterNoticeDecisionBody,
        response: { 200: ComplaintDetailSchema },
      },
    },
    async (request) => decideCounterNotice(db, clock, request.principal!, request.params.id, request.body),
  );
}
