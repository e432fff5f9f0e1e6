import type { ColumnType, Generated } from 'kysely';

/** offered → answered (the buyer scored) or expired (its deadline passed unanswered). */
export type InvitationState = 'offered' | 'answered' | 'expired';
/** A comment as screened: shown to the shop, or held back. */
export type CommentState = 'visible' | 'held';

export interface NpsInvitationsTable {
  id: Generated<number>;
  orderId: number;
  shopId: number;
  buyerId: number;
  state: ColumnType<InvitationState, InvitationState | undefined>;
  configVersion: number;
  offeredAt: Date;
  expiresAt: Date;
  answeredAt: ColumnType<Date | null, Date | null | undefined>;
  score: ColumnType<number | null, number | null | undefined>;
  comment: ColumnType<string | null, string | null | undefined>;
  commentState: ColumnType<CommentState | null, CommentState | null | undefined>;
}

export interface NpsSamplingTable {
  id: number;
  completedUntil: Date;
}

export interface SurveysTables {
  npsInvitations: NpsInvitationsTable;
  npsSampling: NpsSamplingTable;
}
