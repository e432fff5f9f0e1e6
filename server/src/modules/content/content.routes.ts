import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { IdParams, Pagination } from '../../platform/schemas.ts';
import {
  LiveCommentBody,
  LiveCommentFeed,
  LiveCommentSchema,
  LiveCommentsQuery,
  PublicReviewPage,
  ReviewBody,
  ReviewPage,
  ReviewReportBody,
  ReviewReportDecisionBody,
  ReviewReportQuery,
  ReviewReportQueuePage,
  ReviewReportSchema,
  ReviewSchema,
  ShopReviewPage,
  ShopReviewQuery,
  VideoBody,
  VideoSchema,
} from './content.schema.ts';
import type { ContentGate } from './content-gate.ts';
import { listLiveComments, postLiveComment } from './live-comments.service.ts';
import { decideReviewReport, listReviewReports, reportReview } from './review-reports.service.ts';
import { listMyReviews, listProductReviews, postReview } from './reviews.service.ts';
import { listShopReviews } from './shop-reviews.service.ts';
import { getVideo, postVideo } from './videos.service.ts';

/** Live comments, reviews and short videos; `gate` screens every text before it is shown. */
export async function contentRoutes(app: App, ctx: AppContext, gate: ContentGate) {
  const { db, clock } = ctx;
  const reviewers = { ops: ['reviewer'] } as const;

  app.post(
    '/live/sessions/:id/comments',
    {
      config: { access: { kinds: ['buyer'] } },
      schema: {
        tags: ['live'],
        summary: 'Comment in a room that is on air (screened; a held comment is visible only to you)',
        params: IdParams,
        body: LiveCommentBody,
        response: { 201: LiveCommentSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return postLiveComment(db, gate, clock, request.principal!, request.params.id, request.body.text);
    },
  );

  app.get(
    '/live/sessions/:id/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['live'],
        summary: "A room's visible comments after a cursor (or the latest ones), oldest first",
        description:
          'Signed in, the reader also gets their own comments that screening held back (state `hidden`, with the reason); no one else ever sees them.',
        params: IdParams,
        querystring: LiveCommentsQuery,
        response: { 200: LiveCommentFeed },
      },
    },
    async (request) => {
      const { after, limit = 50 } = request.query;
      return listLiveComments(db, request.params.id, { after, limit }, request.principal?.userId);
    },
  );

  app.post(
    '/orders/:id/reviews',
    {
      config: { access: { kinds: ['buyer'] } },
      schema: {
        tags: ['reviews'],
        summary: 'Review a line of your completed order, once per line (screened before it is shown)',
        params: IdParams,
        body: ReviewBody,
        response: { 201: ReviewSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return postReview(db, gate, clock, request.principal!, request.params.id, request.body);
    },
  );

  app.get(
    '/me/reviews',
    {
      config: { access: { kinds: ['buyer'] } },
      schema: {
        tags: ['reviews'],
        summary: 'Your reviews, newest first, with their state (a held review shows why)',
        querystring: Pagination,
        response: { 200: ReviewPage },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0 } = request.query;
      return listMyReviews(db, request.principal!, { limit, offset });
    },
  );

  app.get(
    '/products/:id/reviews',
    {
      config: { access: 'public' },
      schema: {
        tags: ['reviews'],
        summary: "A product's visible reviews, newest first",
        params: IdParams,
        querystring: Pagination,
        response: { 200: PublicReviewPage },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0 } = request.query;
      return listProductReviews(db, request.params.id, { limit, offset });
    },
  );

  app.get(
    '/shops/:id/reviews',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: {
        tags: ['reviews'],
        summary:
          "Visible reviews of the shop's products, newest first, with the shop's latest report of each",
        params: IdParams,
        querystring: ShopReviewQuery,
        response: { 200: ShopReviewPage },
      },
    },
    async (request) => {
      const { limit = 20, offset = 0, maxRating } = request.query;
      return listShopReviews(db, request.principal!, request.params.id, { limit, offset, maxRating });
    },
  );

  app.post(
    '/reviews/:id/reports',
    {
      config: { access: { kinds: ['merchant'] } },
      schema: {
        tags: ['reviews'],
        summary: "Report a review of your shop's product as malicious, with evidence (goes to ops)",
        params: IdParams,
        body: ReviewReportBody,
        response: { 201: ReviewReportSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return reportReview(db, clock, request.principal!, request.params.id, request.body);
    },
  );

  app.get(
    '/review-reports',
    {
      config: { access: reviewers },
      schema: {
        tags: ['reviews'],
        summary: 'Ops queue: reports of malicious reviews, oldest first',
        querystring: ReviewReportQuery,
        response: { 200: ReviewReportQueuePage },
      },
    },
    async (request) => {
      const { state = 'open', limit = 20, offset = 0 } = request.query;
      return listReviewReports(db, { state, limit, offset });
    },
  );

  app.post(
    '/review-reports/:id/decision',
    {
      config: { access: reviewers },
      schema: {
        tags: ['reviews'],
        summary: 'Uphold (hide the review) or dismiss a report',
        params: IdParams,
        body: ReviewReportDecisionBody,
        response: { 200: ReviewReportSchema },
      },
    },
    async (request) => decideReviewReport(db, clock, request.principal!, request.params.id, request.body),
  );

  app.post(
    '/videos',
    {
      config: { access: { kinds: ['merchant', 'creator'] } },
      schema: {
        tags: ['videos'],
        summary: 'Post a short video with a caption and an optional product (screened before it is shown)',
        body: VideoBody,
        response: { 201: VideoSchema },
      },
    },
    async (request, reply) => {
      reply.status(201);
      return postVideo(db, gate, clock, request.principal!, request.body);
    },
  );

  app.get(
    '/videos/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['videos'],
        summary: 'A visible short video (a held one only for its author, its shop and ops)',
        params: IdParams,
        response: { 200: VideoSchema },
      },
    },
    async (request) => getVideo(db, request.principal, request.params.id),
  );
}
