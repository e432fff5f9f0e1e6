import type { Principal } from '../../platform/access.ts';
import type { Tx } from '../../platform/db.ts';
import type { Settings } from '../../platform/settings.ts';
import { currentPolicy, type PolicyVersion } from '../configuration/index.ts';
import type { Party } from './aftersales.tables.ts';

/*
 * Who opens the transaction: whoever starts the work, once — the HTTP route (aftersales.routes.ts, or
 * runIdempotent for opening a request) or the deadline runner for a default action. Use cases, steps
 * and stores are handed the open transaction in their context and never open (or commit) one, so an
 * action is written whole or not at all.
 */

export interface Actor {
  kind: Party;
  id: number | null;
}

export const SYSTEM: Actor = { kind: 'system', id: null };

/** What an after-sales use case is called with: the open transaction, the caller and the time. */
export interface Call {
  tx: Tx;
  principal: Principal;
  now: Date;
  settings: Settings;
}

/** What every step of a change needs: the open transaction, who acts, when, and the policy in force. */
export interface ActionContext {
  tx: Tx;
  actor: Actor;
  now: Date;
  policy: PolicyVersion;
  settings: Settings;
}

/** The context of a change made by the caller of `call` as `kind` (reads the policy in force). */
export async function actionOf(call: Call, kind: Party): Promise<ActionContext> {
  const policy = await currentPolicy(call.tx);
  return {
    tx: call.tx,
    actor: { kind, id: call.principal.userId },
    now: call.now,
    policy,
    settings: call.settings,
  };
}
