import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';
import { chatMessageForReview } from '../chat/index.ts';
import { SCREENED_SUBJECTS, screenedContent } from '../content/index.ts';
import type { ScreeningService, Surface } from '../screening/index.ts';
import { ScreeningFindingSchema, StoredEvidenceSchema } from './evidence.schema.ts';
import { listingScreeningRoutes } from './listing-screening.routes.ts';
import { findingOf, verdictChanged } from './screening-evidence.rule.ts';
import { screeningsOf } from './screening-evidence.store.ts';

const union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

// content's screened texts, and the chat's messages (product rules §8.1)
const REVIEWED_SUBJECTS = [...SCREENED_SUBJECTS, 'chat_message'] as const;

/** The surface each reviewed subject's text is written on. */
const SURFACE_OF: Record<(typeof REVIEWED_SUBJECTS)[number], Surface> = {
  live_comment: 'live_comment',
  review: 'review',
  video: 'video_caption',
  live_session: 'live_title',
  chat_message: 'chat_message',
};

const ContentParams = Type.Object({
  subjectType: union(REVIEWED_SUBJECTS, 'the subject type of the content decisions'),
  subjectId: Id,
});
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const ScreenedContentSchema = Type.Object({
  content: Type.Object({
    subject: Type.Object({ type: union(REVIEWED_SUBJECTS), id: Type.Integer() }),
    text: Type.String({ description: 'as its author wrote it (a live title: the session title)' }),
    state: Type.String({
      description:
        'visible, hidden (never shown to others) or flagged (held for review); a live title: the session state',
    }),
    hiddenReason: Nullable(Type.String()),
    author: Type.Object({ id: Type.Integer(), name: Type.String() }),
    place: Nullable(
      Type.Object({
        type: union(['live_session', 'product', 'shop'] as const),
        id: Type.Integer(),
        title: Type.String(),
      }),
    ),
    createdAt: Timestamp,
  }),
  screening: Type.Composite([ScreeningFindingSchema, Type.Object({ version: Type.Integer() })], {
    description: 'the text screened again today, for its surface, with the lexicon and model in force',
  }),
  evidence: Type.Array(StoredEvidenceSchema, {
    description: 'what the screening saw when each decision on the text was taken, newest first',
  }),
});

const editors = { ops: ['rule_admin', 'reviewer'] } as const;

/**
 * What screening finds in the texts of other modules, for the people who act on it: ops reviewing a
 * held comment, review, caption or live title; a merchant reading why a listing text is high-risk.
 * Here, above content and catalog, since screening itself reads no module's records.
 */
export async function screeningViewRoutes(app: App, ctx: AppContext, screening: ScreeningService) {
  const { db } = ctx;
  const tags = ['trust'];

  app.get(
    '/ops/screening/content/:subjectType/:subjectId',
    {
      config: { access: editors },
      schema: {
        tags,
        summary:
          'A screened text (live comment, review, video caption, live title, chat message) as written, with its author and place; what the screening saw when it was decided (lexicon entries that fired, model scores, versions); and what the lexicon and model in force find in it today',
        params: ContentParams,
        response: { 200: ScreenedContentSchema },
      },
    },
    async (request) => {
      const { subjectType: type, subjectId: id } = request.params;
      const content =
        type === 'chat_message' ? await chatMessage(db, id) : await screenedContent(db, { type, id });
      const now = await screening.screen(content.text, { surface: SURFACE_OF[type] });
      const kept = await screeningsOf(db, { type, id });
      return {
        content,
        screening: { ...findingOf(now), version: now.version },
        evidence: kept.map((e) => ({ ...e, changedSince: verdictChanged(e, now) })),
      };
    },
  );

  await listingScreeningRoutes(app, ctx, screening);
}

/** A chat message held (or passed) by the content gate, in the shape of the other screened texts. */
async function chatMessage(db: AppContext['db'], id: number) {
  const message = await chatMessageForReview(db, id);
  if (!message) throw notFound('chat message', id);
  return { subject: { type: 'chat_message' as const, id }, ...message };
}
