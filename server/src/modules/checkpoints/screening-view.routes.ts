import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';
import { chatMessageForReview } from '../chat/index.ts';
import { SCREENED_SUBJECTS, screenedContent } from '../content/index.ts';
import { type ScreeningService, ScreenResultSchema } from '../screening/index.ts';
import { listingScreeningRoutes } from './listing-screening.routes.ts';

const union = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    description ? { description } : {},
  );

// content's screened texts, and the chat's messages (product rules §8.1)
const REVIEWED_SUBJECTS = [...SCREENED_SUBJECTS, 'chat_message'] as const;

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
  screening: ScreenResultSchema,
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
          'A screened text (live comment, review, video caption, live title) as written, with its author, where it was posted, and what the lexicon in force finds in it',
        params: ContentParams,
        response: { 200: ScreenedContentSchema },
      },
    },
    async (request) => {
      const { subjectType: type, subjectId: id } = request.params;
      const content =
        type === 'chat_message' ? await chatMessage(db, id) : await screenedContent(db, { type, id });
      return { content, screening: await screening.screen(content.text) };
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
