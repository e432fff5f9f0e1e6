import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { getAccount } from '../identity/index.ts';
import { type Decision, decide, type Identifiers, linkEntities, recordActivity } from '../risk/index.ts';
import { onboardingFacts, riskTier } from './onboarding.rule.ts';
import type { RiskTier, ShopType } from './shops.tables.ts';

/** What a merchant states about themselves when opening a shop (all optional for now). */
export interface OnboardingIdentity {
  idNumber?: string;
  phone?: string;
  payoutAccount?: string;
  businessLicenceNo?: string;
}

export type OnboardingVerdict =
  | { outcome: 'block'; decision: Decision }
  | { outcome: 'allow' | 'review'; decision: Decision; tier: RiskTier; identifiers: Identifiers };

/**
 * The merchant onboarding checkpoint (product rules §3, §6): the owner's identifiers (the phone given, else
 * the account's phone; ID number, payout account, device) are checked against the blacklist and their
 * registration velocity, with what the documents prove. The identifiers are the raw values the trust
 * engine hashes and normalises, as governance's blacklist does with the owner's phone and linked
 * identifiers, so a closed shop's owner coming back with any of them is caught. The decision (and a
 * review's case) is written in `tx`.
 */
export async function decideOnboarding(
  tx: Tx,
  input: {
    ownerUserId: number;
    type: ShopType;
    mainCategoryId: number;
    identity: OnboardingIdentity;
    deviceId?: string;
    now: Date;
  },
): Promise<OnboardingVerdict> {
  const { identity } = input;
  const phone = identity.phone ?? (await getAccount(tx, input.ownerUserId)).phone ?? undefined;
  const identifiers: Identifiers = {
    ...(phone ? { phone } : {}),
    ...(identity.idNumber ? { id_number: identity.idNumber } : {}),
    ...(input.deviceId ? { device: input.deviceId } : {}),
    ...(identity.payoutAccount ? { payout_account: identity.payoutAccount } : {}),
  };
  const facts = onboardingFacts({ type: input.type, ...identity });
  const decision = await decide(tx, {
    checkpoint: 'merchant_onboarding',
    subject: { type: 'user', id: input.ownerUserId },
    facts: { ...facts, category: String(input.mainCategoryId) },
    entities: identifiers,
    now: input.now,
  });
  if (decision.outcome === 'block') return { outcome: 'block', decision };
  return { outcome: decision.outcome, decision, tier: riskTier(decision.outcome, facts), identifiers };
}

/** Counts the registration and links the identifiers to the new shop and its owner (for a later blacklist). */
export async function recordOnboarding(
  tx: Tx,
  input: { shopId: number; ownerUserId: number; identifiers: Identifiers; now: Date },
): Promise<void> {
  await recordActivity(tx, { counter: 'registrations', entities: input.identifiers, now: input.now });
  await linkEntities(tx, {
    userId: input.ownerUserId,
    shopId: input.shopId,
    entities: input.identifiers,
    now: input.now,
  });
}

/** 403 onboarding_blocked, saying why in plain words (not which identifier matched). */
export function onboardingBlocked(decision: Decision): AppError {
  const reasons = decision.fired.filter((f) => f.outcome === 'block').map((f) => f.reason);
  const en = reasons.map((r) => r.en).join('; ') || 'the risk check refused it';
  const zh = reasons.map((r) => r.zh).join('；') || '风控未通过';
  return new AppError('onboarding_blocked', `The shop cannot be opened: ${en} (${zh})`, {
    decisionId: decision.decisionId,
    reasons,
  });
}
