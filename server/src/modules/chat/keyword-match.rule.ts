import { normalise } from './bot/intent-matcher.rule.ts';

/**
 * The merchant's keyword answer for a buyer's message (product rules §8.3): the reply whose keyword
 * found in the message is longest (the most specific), the earliest reply on a tie; none when no
 * keyword is in it. Keywords and message are compared normalised (case, width, punctuation).
 */
export function matchKeywordReply<R extends { id: number; keywords: readonly string[] }>(
  replies: readonly R[],
  message: string,
): R | undefined {
  const text = normalise(message);
  let best: { reply: R; length: number } | undefined;
  for (const reply of replies) {
    for (const keyword of reply.keywords) {
      const k = normalise(keyword);
      if (k === '' || !text.includes(k)) continue;
      if (!best || k.length > best.length || (k.length === best.length && reply.id < best.reply.id)) {
        best = { reply, length: k.length };
      }
    }
  }
  return best?.reply;
}
