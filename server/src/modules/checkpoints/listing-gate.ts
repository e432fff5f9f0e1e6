import { type ListingFacts, type ListingGate, listingFacts, originalPriceRatioOf } from '../catalog/index.ts';
import { ipTakedownsOf } from '../ip/index.ts';
import { verifyQualification } from '../qualifications/index.ts';
import { decide } from '../risk/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import { keepScreening } from './screening-evidence.store.ts';

/** Comparable listings needed before a price can be called an anomaly. */
const MIN_COMPARABLES = 5;

/**
 * The listing checkpoint (product rules §6), run when a merchant submits a product: the qualification
 * number of regulated goods against the registry (三品一械), banned claims in the title and description
 * (absolute terms under the advertising law; medical efficacy on anything but drugs and devices),
 * brand authorisation, and the price against comparable listings. The decision engine weighs them; a
 * product an IP complaint took down waits for a person whatever the engine says.
 */
export function trustListingGate(screening: ScreeningService): ListingGate {
  return async (tx, productId, now) => {
    const product = await listingFacts(tx, productId);
    const required = product.requiredQualifications;
    const qualification =
      required.length === 0
        ? null
        : await verifyQualification(tx, { number: product.qualificationNo, accepted: required, now });
    const text = `${product.title}\n${product.description ?? ''}`;
    const screened = await screening.screen(text, { surface: 'listing' }, tx);
    const medicalAllowed = product.regulatedType === 'drug' || product.regulatedType === 'medical_device';
    // a negated or disclaimed claim ("不能代替药物治疗疾病") is not a claim
    const bannedClaims = screened.hits.filter(
      (h) =>
        h.counted && (h.category === 'absolute_terms' || (h.category === 'medical_claim' && !medicalAllowed)),
    );
    const priceRatio = priceRatioOf(product.price);
    const decision = await decide(tx, {
      checkpoint: 'product_listing',
      subject: { type: 'product', id: product.id },
      facts: {
        price_fen: priceRatio.priceFen,
        price_ratio: priceRatio.ratio,
        regulated_category: required.length > 0,
        qualification_status: qualificationStatus(qualification),
        // A brand needs the shop to be its flagship (brand-authorised, product rules §2); others wait for ops.
        brand_authorised: product.brandId === null || product.shopType === 'flagship',
        banned_claims: bannedClaims.length,
        // 划线价 against the SKU's own prices of the 7 days before (product rules §6.3)
        original_price_ratio: await originalPriceRatioOf(tx, product.id, now),
        screening_categories: screened.categories,
        screening_risk: screened.risk,
      },
      entities: { shop: String(product.shopId) },
      // every submission counts toward the shop's listing velocity, whatever the outcome
      record: { counter: 'listings' },
      now,
    });
    await keepScreening(tx, {
      decisionId: decision.decisionId,
      checkpoint: 'product_listing',
      subject: { type: 'product', id: product.id },
      outcome: decision.outcome,
      surface: 'listing',
      text,
      screened,
      now,
    });

    const reasons = decision.fired.map((f) => `${f.reason.zh} ${f.reason.en}`);
    if (qualification && !qualification.ok)
      reasons.push(`${qualification.reason.zh} / ${qualification.reason.en}`);
    if (bannedClaims.length > 0)
      reasons.push(`违禁用语 banned terms: ${[...new Set(bannedClaims.map((h) => h.match))].join('、')}`);
    const reason = reasons.length > 0 ? reasons.join('；') : null;
    // read only when it can change the outcome
    if (decision.outcome === 'allow' && (await ipTakedownsOf(tx, productId)).length > 0)
      return {
        outcome: 'review',
        reason: '知识产权投诉下架的商品需人工复核 taken down on an IP complaint: ops review it',
      };
    return {
      outcome: decision.outcome,
      reason:
        decision.outcome === 'allow'
          ? `自动审核通过 automatic review passed (policy v${decision.policyVersion})`
          : reason,
    };
  };
}

function qualificationStatus(check: Awaited<ReturnType<typeof verifyQualification>> | null): string {
  if (check === null) return 'none';
  if (check.ok) return 'valid';
  return {
    missing: 'none',
    bad_shape: 'bad_shape',
    not_registered: 'unknown',
    expired: 'expired',
    revoked: 'revoked',
  }[check.problem];
}

/** The product's lowest SKU price over the median of listed products' lowest prices in its category. */
function priceRatioOf({ price, median, n }: ListingFacts['price']): { priceFen: number; ratio: number } {
  const priceFen = price ?? 0;
  if (n < MIN_COMPARABLES || !median || priceFen === 0) return { priceFen, ratio: 1 };
  return { priceFen, ratio: Math.round((priceFen / median) * 1000) / 1000 };
}
