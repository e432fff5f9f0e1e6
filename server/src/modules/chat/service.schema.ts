import { Type } from '@sinclair/typebox';
import { Id, NonEmpty, Timestamp } from '../../platform/schemas.ts';

const HourMinute = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, local' });

export const ServiceHoursSchema = Type.Object(
  {
    days: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
      minItems: 1,
      maxItems: 7,
      description: 'ISO weekdays served (1 = Monday)',
    }),
    from: HourMinute,
    to: HourMinute,
  },
  { additionalProperties: false },
);

const RoutingSchema = Type.Union([Type.Literal('round_robin'), Type.Literal('last_agent')], {
  description:
    'new conversations: round robin among online agents, or first to the agent who served the buyer last',
});

const ReplyText = Type.Union([Type.String({ maxLength: 500 }), Type.Null()]);

export const ChatSettingsBody = Type.Object(
  {
    welcome: ReplyText,
    offHoursReply: ReplyText,
    serviceHours: ServiceHoursSchema,
    routing: RoutingSchema,
    botEnabled: Type.Boolean({ description: 'the bot answers first within service hours' }),
  },
  { additionalProperties: false },
);

export const ChatSettingsSchema = Type.Object({
  welcome: Type.Union([Type.String(), Type.Null()]),
  offHoursReply: Type.Union([Type.String(), Type.Null()]),
  serviceHours: ServiceHoursSchema,
  routing: RoutingSchema,
  botEnabled: Type.Boolean(),
  updatedAt: Type.Union([Timestamp, Type.Null()], { description: 'null: the defaults, never saved' }),
});

export const KeywordReplyBody = Type.Object(
  {
    keywords: Type.Array(NonEmpty(20), { minItems: 1, maxItems: 20 }),
    answer: NonEmpty(500),
  },
  { additionalProperties: false },
);

export const KeywordReplySchema = Type.Object({
  id: Id,
  keywords: Type.Array(Type.String()),
  answer: Type.String(),
  createdAt: Timestamp,
});

export const KeywordReplyList = Type.Object({ items: Type.Array(KeywordReplySchema) });

export const ShopReplyParams = Type.Object({ id: Id, replyId: Id });

export const RatingBody = Type.Object(
  {
    rating: Type.Union([Type.Literal('good'), Type.Literal('neutral'), Type.Literal('bad')]),
    comment: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const RatingSchema = Type.Object({
  sessionId: Id,
  rating: Type.Union([Type.Literal('good'), Type.Literal('neutral'), Type.Literal('bad')]),
  ratingComment: Type.Union([Type.String(), Type.Null()]),
  ratedAt: Timestamp,
});

export const SessionRatingState = Type.Object({
  sessionId: Id,
  state: Type.Union([
    Type.Literal('bot'),
    Type.Literal('queued'),
    Type.Literal('serving'),
    Type.Literal('closed'),
  ]),
  rating: Type.Union([Type.Literal('good'), Type.Literal('neutral'), Type.Literal('bad'), Type.Null()]),
  ratingComment: Type.Union([Type.String(), Type.Null()]),
  ratedAt: Type.Union([Timestamp, Type.Null()]),
});

const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD, platform calendar',
});

export const MetricsQuery = Type.Object({
  from: Type.Optional(LocalDate),
  to: Type.Optional(LocalDate),
});

const Figures = {
  sessions: Type.Integer({ description: 'sessions started that day' }),
  counted: Type.Integer({
    description: 'handed to a person within service hours (the response metrics’ base)',
  }),
  answeredIn3m: Type.Integer(),
  answered: Type.Integer({ description: 'counted sessions a person answered' }),
  rated: Type.Integer(),
  good: Type.Integer(),
  responseRate3mBp: Type.Union([Type.Integer(), Type.Null()], { description: '3-minute response rate, bp' }),
  avgFirstResponseMs: Type.Union([Type.Integer(), Type.Null()], {
    description: 'average human first response',
  }),
  goodRatingRateBp: Type.Union([Type.Integer(), Type.Null()], {
    description: 'good ratings of rated sessions, bp',
  }),
};

export const MetricsFiguresSchema = Type.Object(Figures);

export const ChatMetricsSchema = Type.Object({
  from: LocalDate,
  to: LocalDate,
  targets: Type.Object({
    responseRate3mBp: Type.Integer(),
    avgFirstResponseMs: Type.Integer(),
    goodRatingRateBp: Type.Integer(),
  }),
  total: MetricsFiguresSchema,
  days: Type.Array(Type.Object({ day: LocalDate, ...Figures })),
  agents: Type.Array(Type.Object({ agentId: Id, name: Type.String(), ...Figures })),
});

export const OpsChatMetricsSchema = Type.Object({
  from: LocalDate,
  to: LocalDate,
  targets: Type.Object({
    responseRate3mBp: Type.Integer(),
    avgFirstResponseMs: Type.Integer(),
    goodRatingRateBp: Type.Integer(),
  }),
  total: MetricsFiguresSchema,
  days: Type.Array(Type.Object({ day: LocalDate, ...Figures })),
  shops: Type.Array(Type.Object({ shopId: Id, name: Type.String(), ...Figures })),
});
