import type { ColumnType, Generated } from 'kysely';

export type ShopType = 'individual' | 'enterprise' | 'flagship';
export type ShopState = 'probation' | 'active' | 'restricted' | 'suspended' | 'closed';
export type ShopRole = 'owner' | 'staff';
/** Set at onboarding; sets the probation limits (onboarding.rule.ts). */
export type RiskTier = 'low' | 'medium' | 'high';

export interface ShopsTable {
  id: Generated<number>;
  name: string;
  type: ShopType;
  state: ColumnType<ShopState, ShopState | undefined>;
  ownerUserId: number;
  mainCategoryId: number;
  description: ColumnType<string, string | undefined>;
  riskTier: ColumnType<RiskTier, RiskTier | undefined>;
  onboardingDecisionId: ColumnType<number | null, number | null | undefined>;
  createdAt: ColumnType<Date, Date | undefined, never>;
  updatedAt: ColumnType<Date, Date | undefined>;
}

export interface ShopMembersTable {
  shopId: number;
  userId: number;
  role: ShopRole;
  createdAt: ColumnType<Date, Date | undefined, never>;
}

export interface ShopEventsTable {
  id: Generated<number>;
  shopId: number;
  fromState: ShopState | null;
  toState: ShopState;
  actorId: number | null;
  reason: string;
  at: ColumnType<Date, Date | undefined, never>;
}

export interface ShopsTables {
  shops: ShopsTable;
  shopEvents: ShopEventsTable;
  shopMembers: ShopMembersTable;
}
