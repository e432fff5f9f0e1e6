import type { Transitions } from '../../platform/state-machine.ts';
import type { PolicyStatus } from './engine.tables.ts';

/**
 * A policy version of a checkpoint. A rule admin's draft is put in force (active) or run beside the
 * active one (shadow, stored but never enforced); putting a version in force retires the active one,
 * a new shadow retires the earlier shadow, and a shadow run can be stopped (retired). A retired version
 * can be activated again (a rollback) or shadowed. Exactly one version of a checkpoint is active.
 */
export const policyTransitions = {
  draft: ['active', 'shadow'],
  shadow: ['active', 'retired'],
  active: ['retired'],
  retired: ['active', 'shadow'],
} as const satisfies Transitions<PolicyStatus>;

/** Drafts are written by rule admins; version 1 of a checkpoint is written active (the default policy). */
export const POLICY_START: readonly PolicyStatus[] = ['draft', 'active'];
