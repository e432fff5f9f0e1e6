import { Type } from '@sinclair/typebox';
import { Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()]);

export const SurveySchema = Type.Object({
  id: Id,
  orderId: Id,
  shop: Type.Object({ id: Id, name: Type.String() }),
  state: Type.Union([Type.Literal('offered'), Type.Literal('answered'), Type.Literal('expired')]),
  offeredAt: Timestamp,
  expiresAt: Timestamp,
  answeredAt: Type.Union([Timestamp, Type.Null()]),
  score: Nullable(Type.Integer({ minimum: 0, maximum: 10 })),
  comment: Type.Union([Type.String(), Type.Null()]),
  commentState: Type.Union([Type.Literal('visible'), Type.Literal('held'), Type.Null()], {
    description: 'held: screening held the comment back; the shop never sees it',
  }),
});

export const SurveyList = Type.Object({ items: Type.Array(SurveySchema) });

export const AnswerBody = Type.Object(
  {
    score: Type.Integer({ minimum: 0, maximum: 10, description: 'how likely you are to recommend, 0–10' }),
    comment: Type.Optional(Type.String({ maxLength: 300, description: 'optional; screened like a review' })),
  },
  { additionalProperties: false },
);

export const NpsFigureSchema = Type.Object({
  responses: Type.Integer({ minimum: 0 }),
  promoters: Type.Integer({ minimum: 0, description: 'answers 9–10' }),
  passives: Type.Integer({ minimum: 0, description: 'answers 7–8' }),
  detractors: Type.Integer({ minimum: 0, description: 'answers 0–6' }),
  nps: Type.Union([Type.Integer({ minimum: -100, maximum: 100 }), Type.Null()], {
    description: '% promoters − % detractors, rounded half up; null without answers',
  }),
});

export const WindowQuery = Type.Object({
  days: Type.Optional(
    Type.Integer({
      minimum: 7,
      maximum: 366,
      description: 'answers of this many days (default: feedback.nps.windowDays)',
    }),
  ),
});

export const PlatformNpsSchema = Type.Object({
  from: Timestamp,
  to: Timestamp,
  platform: NpsFigureSchema,
  /** Surveys offered in the window and how many were answered (the response rate). */
  offered: Type.Integer({ minimum: 0, description: 'surveys offered in the window' }),
});
