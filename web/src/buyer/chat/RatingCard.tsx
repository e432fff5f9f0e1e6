/** The end-of-session satisfaction card in the buyer's conversation (helper 3 builds it). */
export function RatingCard(_props: { conversationId: number; sessionId: number | null; messageId: number }) {
  return null;
}
