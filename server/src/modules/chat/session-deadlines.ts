import { type DeadlineHandlers, scheduleDeadline } from '../../platform/scheduler/index.ts';
import {
  closeSession,
  IDLE_CLOSE,
  IDLE_CLOSE_MS,
  lockSessionInOrder,
  WAITING_CLOSE_MS,
} from './sessions.service.ts';

/**
 * The idle close: when it fires, the session closes if nobody wrote for long enough, else it is due
 * again at the conversation's last message plus that time (messages never move the deadline themselves).
 */
export function chatDeadlineHandlers(): DeadlineHandlers {
  return {
    [IDLE_CLOSE]: async (tx, deadline, { now }) => {
      const session = await lockSessionInOrder(tx, deadline.subjectId);
      if (session.state === 'closed') return;
      const conversation = await tx
        .selectFrom('chatConversations')
        .select(['lastMessageAt', 'waitingSince'])
        .where('id', '=', session.conversationId)
        .executeTakeFirstOrThrow();
      const waiting =
        session.state === 'queued' || (session.state === 'serving' && conversation.waitingSince !== null);
      const quietSince = Math.max(conversation.lastMessageAt.getTime(), session.startedAt.getTime());
      const dueAt = new Date(quietSince + (waiting ? WAITING_CLOSE_MS : IDLE_CLOSE_MS));
      if (dueAt > now) {
        await scheduleDeadline(tx, { kind: IDLE_CLOSE, subjectId: session.id, dueAt });
        return;
      }
      await closeSession(tx, session.id, 'idle', null, now);
    },
  };
}
