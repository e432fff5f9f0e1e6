import { type TSchema, Type } from '@sinclair/typebox';
import type { EventDefinition } from '../../platform/outbox.ts';
import { Id, Timestamp } from '../../platform/schemas.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const session = { resource: 'live', shopScoped: true, version: 1 } as const;
const ending = Type.Object(
  {
    sessionId: Id,
    hostUserId: Id,
    reason: Nullable(Type.String()),
    startedAt: Nullable(Timestamp),
    endedAt: Timestamp,
    peakViewers: Type.Integer({ minimum: 0 }),
    likes: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);

/** Live session events (migration 0111); a creator's session without a shop gives platform events. */
export const liveEvents: EventDefinition[] = [
  {
    ...session,
    type: 'live.started',
    summary: 'A live session started',
    description: 'Written when the host goes live.',
    schema: Type.Object(
      { sessionId: Id, hostUserId: Id, title: Type.String(), startedAt: Timestamp },
      { additionalProperties: false },
    ),
  },
  {
    ...session,
    type: 'live.ended',
    summary: 'A live session ended',
    description: 'Written when the host ends the session.',
    schema: ending,
  },
  {
    ...session,
    type: 'live.stopped',
    summary: 'A live session was stopped by the platform',
    description: 'Written when ops stop the session (an emergency stop or a live ban); reason says why.',
    schema: ending,
  },
];
