import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http.ts';
import { type AnyRouteSpec, registerRoutes, route } from '../../platform/route-spec.ts';
import { IdParams, Pagination, pageOf } from '../../platform/schemas.ts';
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

const buyer = { kinds: ['buyer'] } as const;
const merchant = { kinds: ['merchant'] } as const;
const authors = { kinds: ['merchant', 'creator'] } as const;
const reviewers = { ops: ['reviewer'] } as const;

/** Live comments, reviews and short videos; `gate` screens every text before it is shown. */
export async function contentRoutes(app: App, ctx: AppContext, gate: ContentGate) {
  for (const [tag, table] of Object.entries(contentRouteTables(ctx, gate))) registerRoutes(app, [tag], table);
}

/** The content API as tables, one per tag: one row per route (access, schemas, the use case it calls). */
function contentRouteTables({ db, clock }: AppContext, gate: ContentGate): Record<string, AnyRouteSpec[]> {
  return {
    live: [
      route({
        method: 'POST',
        url: '/live/sessions/:id/comments',
        access: buyer,
        summary: 'Comment in a room that is on air (screened; a held comment is visible only to you)',
        params: IdParams,
        body: LiveCommentBody,
        response: { 201: LiveCommentSchema },
        status: 201,
        handler: async ({ principal, params, body }) =>
          postLiveComment(db, gate, clock, principal, params.id, body.text),
      }),
      route({
        method: 'GET',
        url: '/live/sessions/:id/comments',
        access: 'public',
        summary: "A room's visible comments after a cursor (or the latest ones), oldest first",
        description:
          'Signed in, the reader also gets their own comments that screening held back (state `hidden`, with the reason); no one else ever sees them.',
        params: IdParams,
        querystring: LiveCommentsQuery,
        response: { 200: LiveCommentFeed },
        handler: async ({ principal, params, query }) =>
          listLiveComments(
            db,
            params.id,
            { after: query.after, limit: query.limit ?? 50 },
            principal?.userId,
          ),
      }),
    ],

    reviews: [
      route({
        method: 'POST',
        url: '/orders/:id/reviews',
        access: buyer,
        summary: 'Review a line of your completed order, once per line (screened before it is shown)',
        params: IdParams,
        body: ReviewBody,
        response: { 201: ReviewSchema },
        status: 201,
        handler: async ({ principal, params, body }) =>
          postReview(db, gate, clock, principal, params.id, body),
      }),
      route({
        method: 'GET',
        url: '/me/reviews',
        access: buyer,
        summary: 'Your reviews, newest first, with their state (a held review shows why)',
        querystring: Pagination,
        response: { 200: ReviewPage },
        handler: async ({ principal, query }) => listMyReviews(db, principal, pageOf(query)),
      }),
      route({
        method: 'GET',
        url: '/products/:id/reviews',
        access: 'public',
        summary: "A product's visible reviews, newest first",
        params: IdParams,
        querystring: Pagination,
        response: { 200: PublicReviewPage },
        handler: async ({ params, query }) => listProductReviews(db, params.id, pageOf(query)),
      }),
      route({
        method: 'GET',
        url: '/shops/:id/reviews',
        access: merchant,
        scope: 'reviews:read',
        summary:
          "Visible reviews of the shop's products, newest first, with the shop's latest report of each",
        params: IdParams,
        querystring: ShopReviewQuery,
        response: { 200: ShopReviewPage },
        handler: async ({ principal, params, query }) =>
          listShopReviews(db, principal, params.id, { ...pageOf(query), maxRating: query.maxRating }),
      }),
      route({
        method: 'POST',
        url: '/reviews/:id/reports',
        access: merchant,
        summary: "Report a review of your shop's product as malicious, with evidence (goes to ops)",
        params: IdParams,
        body: ReviewReportBody,
        response: { 201: ReviewReportSchema },
        status: 201,
        handler: async ({ principal, params, body }) => reportReview(db, clock, principal, params.id, body),
      }),
      route({
        method: 'GET',
        url: '/review-reports',
        access: reviewers,
        summary: 'Ops queue: reports of malicious reviews, oldest first',
        querystring: ReviewReportQuery,
        response: { 200: ReviewReportQueuePage },
        handler: async ({ query }) =>
          listReviewReports(db, { state: query.state ?? 'open', ...pageOf(query) }),
      }),
      route({
        method: 'POST',
        url: '/review-reports/:id/decision',
        access: reviewers,
        summary: 'Uphold (hide the review) or dismiss a report',
        params: IdParams,
        body: ReviewReportDecisionBody,
        response: { 200: ReviewReportSchema },
        handler: async ({ principal, params, body }) =>
          decideReviewReport(db, clock, principal, params.id, body),
      }),
    ],

    videos: [
      route({
        method: 'POST',
        url: '/videos',
        access: authors,
        summary: 'Post a short video with a caption and an optional product (screened before it is shown)',
        body: VideoBody,
        response: { 201: VideoSchema },
        status: 201,
        handler: async ({ principal, body }) => postVideo(db, gate, clock, principal, body),
      }),
      route({
        method: 'GET',
        url: '/videos/:id',
        access: 'public',
        summary: 'A visible short video (a held one only for its author, its shop and ops)',
        params: IdParams,
        response: { 200: VideoSchema },
        handler: async ({ principal, params }) => getVideo(db, principal, params.id),
      }),
    ],
  };
}
