import type { Executor } from '../../platform/db.ts';
import type { QualificationCode } from './qualification-codes.ts';
import {
  canonicalQualificationNo,
  QUALIFICATION_SHAPES,
  qualificationKindOf,
} from './qualification-shape.rule.ts';

export type QualificationProblem = 'missing' | 'bad_shape' | 'not_registered' | 'expired' | 'revoked';

export type QualificationCheck =
  | { ok: true; kind: QualificationCode; number: string; holder: string }
  | { ok: false; problem: QualificationProblem; reason: { zh: string; en: string } };

/**
 * Checks a product's qualification number for a category that requires one of `accepted` (the product rules
 * §6: shape first, then the registry): present, of an accepted document's shape, registered, not
 * expired, not revoked. The reason is in plain words for the merchant.
 */
export async function verifyQualification(
  db: Executor,
  input: { number: string | null; accepted: readonly QualificationCode[]; now: Date },
): Promise<QualificationCheck> {
  if (input.accepted.length === 0) throw new RangeError('the category requires no qualification');
  const examples = input.accepted.map((code) => QUALIFICATION_SHAPES[code].example).join(' / ');
  if (!input.number?.trim()) {
    return {
      ok: false,
      problem: 'missing',
      reason: {
        zh: `该类目需要资质证号（如 ${examples}），商品未填写`,
        en: `This category needs a qualification number (e.g. ${examples}); none was given`,
      },
    };
  }
  const number = canonicalQualificationNo(input.number);
  const kind = qualificationKindOf(number, input.accepted);
  if (kind === null) {
    return {
      ok: false,
      problem: 'bad_shape',
      reason: {
        zh: `资质证号 ${number} 格式不正确，应形如 ${examples}`,
        en: `Qualification number ${number} does not have the right shape; expected e.g. ${examples}`,
      },
    };
  }
  const entry = await db
    .selectFrom('qualificationRegistry')
    .select(['kind', 'holder', 'status', 'validUntil', 'revokedReason'])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!entry || entry.kind !== kind) {
    return {
      ok: false,
      problem: 'not_registered',
      reason: {
        zh: `资质证号 ${number} 在登记库中查无此号`,
        en: `Qualification number ${number} is not in the registry`,
      },
    };
  }
  if (entry.status === 'revoked') {
    return {
      ok: false,
      problem: 'revoked',
      reason: {
        zh: `资质证号 ${number} 已被吊销/注销：${entry.revokedReason ?? ''}`,
        en: `Qualification number ${number} was revoked: ${entry.revokedReason ?? ''}`,
      },
    };
  }
  if (entry.validUntil !== null && entry.validUntil.getTime() + 86_400_000 <= input.now.getTime()) {
    const until = entry.validUntil.toISOString().slice(0, 10);
    return {
      ok: false,
      problem: 'expired',
      reason: {
        zh: `资质证号 ${number} 已于 ${until} 过期`,
        en: `Qualification number ${number} expired on ${until}`,
      },
    };
  }
  return { ok: true, kind, number, holder: entry.holder };
}
