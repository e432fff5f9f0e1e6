import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../configuration/index.ts';
import {
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
  onboardingFacts,
  probationListingLimit,
  riskTier,
} from './onboarding.rule.ts';

describe('isResidentIdNumber (GB 11643-1999 check character)', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105 19491231 002X', true],
    ['44030419900307123X', true],
    ['310115198501010012', true],
    ['110101200002290034', true], // 29 February of a leap year
    ['110105194912310021', false], // wrong check character
    ['310115198501010013', false],
    ['11010519491231002', false], // 17 characters
    ['11010519491231002XX', false],
    ['110105194912X1002X', false], // letter inside
    ['011010519491231002', false], // region cannot start with 0
    ['110101190002290033', false], // 1900 is not a leap year
    ['110101199913320011', false], // month 13
    ['', false],
  ])('%s → %s', (id, valid) => {
    expect(isResidentIdNumber(id)).toBe(valid);
  });
});

describe('isUnifiedSocialCreditCode (GB 32100-2015 check character)', () => {
  it.each([
    ['91350100M000100Y43', true],
    ['91110000600037341L', true],
    ['92440300MA5FJ7Q3X7', true],
    ['91350100m000100y43', true],
    ['91350100M000100Y44', false], // wrong check character
    ['91350100M000100Y4', false], // 17 characters
    ['91350100M000100I43', false], // I is not in the alphabet
    ['', false],
  ])('%s → %s', (code, valid) => {
    expect(isUnifiedSocialCreditCode(code)).toBe(valid);
  });
});

describe('onboardingFacts', () => {
  const id = '11010519491231002X';
  const licence = '91350100M000100Y43';
  it.each([
    ['individual with an ID', { type: 'individual', idNumber: id }, true, true],
    ['individual without an ID', { type: 'individual' }, false, true],
    ['individual with a bad ID', { type: 'individual', idNumber: '110105194912310021' }, false, true],
    ['enterprise with both', { type: 'enterprise', idNumber: id, businessLicenceNo: licence }, true, true],
    ['enterprise without a licence', { type: 'enterprise', idNumber: id }, true, false],
    [
      'flagship with a bad licence',
      { type: 'flagship', idNumber: id, businessLicenceNo: 'ABC' },
      true,
      false,
    ],
  ] as const)('%s', (_, input, idVerified, licenceValid) => {
    expect(onboardingFacts(input)).toEqual({ id_verified: idVerified, business_licence_valid: licenceValid });
  });
});

describe('riskTier and the probation listing limit (deposits.probationListingLimits)', () => {
  const limits = defaultConfig.deposits.probationListingLimits;
  it.each([
    ['allow', true, true, 'low', 200],
    ['allow', false, true, 'medium', 50],
    ['allow', true, false, 'medium', 50],
    ['review', true, true, 'high', 10],
    ['review', false, false, 'high', 10],
  ] as const)('%s, id %s, licence %s → %s (limit %i)', (outcome, idOk, licenceOk, tier, limit) => {
    const t = riskTier(outcome, { id_verified: idOk, business_licence_valid: licenceOk });
    expect(t).toBe(tier);
    expect(probationListingLimit({ state: 'probation', riskTier: t }, limits)).toBe(limit);
  });

  it.each(['active', 'restricted', 'suspended', 'closed'] as const)(
    'a %s shop has no probation limit',
    (state) => {
      expect(probationListingLimit({ state, riskTier: 'high' }, limits)).toBeNull();
    },
  );
});
