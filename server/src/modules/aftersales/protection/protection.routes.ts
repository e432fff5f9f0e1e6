import type { AppContext } from '../../../platform/context.ts';
import type { App } from '../../../platform/http.ts';
import { IdParams, Ok, withPage } from '../../../platform/schemas.ts';
import { requireShopMember } from '../../shops/index.ts';
import { buyerLabels, clearHighRefundLabel, setHighRefundLabel } from './buyer-labels.service.ts';
import { listFreightAbuseProducts } from './freight-abuse.service.ts';
import {
  BuyerLabelsSchema,
  FreightAbusePage,
  FreightAbuseQuery,
  LabelBody,
  OpsMetricsQuery,
  RefundMetricsSchema,
  ShopMetricsQuery,
} from './protection.schema.ts';
import { opsRefundMetrics, shopRefundMetrics } from './refund-metrics.service.ts';
import {
  ClearBody,
  DetectResult,
  OpsSkuProtectionsQuery,
  ShopSkuProtectionsQuery,
  SkuProtectionPage,
} from './sku-protection.schema.ts';
import { clearSkuProtection, detectSkuSpikes, listSkuProtections } from './sku-protection.service.ts';

const merchant = { kinds: ['merchant'] } as const;
const opsReaders = { ops: ['reviewer', 'arbiter'] } as const;
const arbiters = { ops: ['arbiter'] } as const;

/** Merchant protection (product rules §5): refund metrics, buyer labels, freight abuse; SKU protection (§8.5). */
export async function protectionRoutes(app: App, ctx: AppContext) {
  const { db, clock } = ctx;
  const tags = ['aftersales'];

  app.get(
    '/shops/:id/aftersales/metrics',
    {
      config: { access: merchant, scope: 'aftersales:read' },
      schema: {
        tags,
        summary: 'The shop’s refund rate and quality-refund rate (品退率), overall and per product',
        description:
          'Over the orders paid in the window. Requests of buyers labelled high-refund (薅羊毛) and no-quality returns of products flagged for freight abuse (薅运费) are left out of the rates, and counted apart (product rules §7.6).',
        params: IdParams,
        querystring: ShopMetricsQuery,
        response: { 200: RefundMetricsSchema },
      },
    },
    async (request) =>
      shopRefundMetrics(db, request.principal!, {
        shopId: request.params.id,
        productId: request.query.productId,
        windowDays: request.query.windowDays ?? 30,
        now: clock.now(),
      }),
  );

  app.get(
    '/ops/aftersales/metrics',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'A shop’s refund rate and quality-refund rate (品退率), overall and per product',
        querystring: OpsMetricsQuery,
        response: { 200: RefundMetricsSchema },
      },
    },
    async (request) =>
      opsRefundMetrics(db, {
        shopId: request.query.shopId,
        productId: request.query.productId,
        windowDays: request.query.windowDays ?? 30,
        now: clock.now(),
      }),
  );

  app.get(
    '/ops/buyers/:id/labels',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'A buyer’s labels (high-refund 薅羊毛) with the figures or reason behind them',
        params: IdParams,
        response: { 200: BuyerLabelsSchema },
      },
    },
    async (request) => buyerLabels(db, request.params.id),
  );

  app.put(
    '/ops/buyers/:id/labels/high_refund',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'Label a buyer high-refund by hand; the daily refresh leaves an ops label alone',
        params: IdParams,
        body: LabelBody,
        response: { 200: BuyerLabelsSchema },
      },
    },
    async (request) =>
      setHighRefundLabel(db, {
        buyerId: request.params.id,
        reason: request.body.reason,
        opsUserId: request.principal!.userId,
        now: clock.now(),
      }),
  );

  app.delete(
    '/ops/buyers/:id/labels/high_refund',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary:
          'Clear a buyer’s high-refund label (a system label returns if the next refresh finds it deserved)',
        params: IdParams,
        response: { 200: BuyerLabelsSchema },
      },
    },
    async (request) => clearHighRefundLabel(db, request.params.id),
  );

  app.get(
    '/ops/aftersales/freight-abuse',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'Products flagged for freight abuse (薅运费), with the figures of the last detection',
        querystring: FreightAbuseQuery,
        response: { 200: FreightAbusePage },
      },
    },
    async (request) =>
      listFreightAbuseProducts(db, {
        shopId: request.query.shopId,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      }),
  );

  app.get(
    '/shops/:id/aftersales/sku-protections',
    {
      config: { access: merchant },
      schema: {
        tags,
        summary: 'The shop’s SKUs under platform protection (平台主动保障): quality refunds approved at once',
        params: IdParams,
        querystring: ShopSkuProtectionsQuery,
        response: { 200: SkuProtectionPage },
      },
    },
    async (request) => {
      await requireShopMember(db, request.principal!, request.params.id);
      return listSkuProtections(db, { ...withPage(request.query), shopId: request.params.id });
    },
  );

  app.get(
    '/ops/aftersales/sku-protections',
    {
      config: { access: opsReaders },
      schema: {
        tags,
        summary: 'SKUs protected after a quality-refund spike (平台主动保障), active first',
        querystring: OpsSkuProtectionsQuery,
        response: { 200: SkuProtectionPage },
      },
    },
    async (request) => listSkuProtections(db, withPage(request.query)),
  );

  app.post(
    '/ops/aftersales/sku-protections/detect',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'Look for quality-refund spikes now (the hourly check, at once)',
        description:
          'Protects every SKU whose quality-refund rate spiked and is not protected yet; returns how many.',
        response: { 200: DetectResult },
      },
    },
    async () => ({
      opened: await db.transaction().execute((tx) => detectSkuSpikes(tx, clock.now())),
    }),
  );

  app.post(
    '/ops/aftersales/sku-protections/:id/clear',
    {
      config: { access: arbiters },
      schema: {
        tags,
        summary: 'Clear a SKU protection: its quality refunds wait for the merchant again',
        description:
          'A new spike, counted over orders paid after the clear, protects the SKU again. 409 invalid_transition when already cleared.',
        params: IdParams,
        body: ClearBody,
        response: { 200: Ok },
      },
    },
    async (request) => {
      await db.transaction().execute((tx) =>
        clearSkuProtection(tx, {
          id: request.params.id,
          opsUserId: request.principal!.userId,
          note: request.body.note,
          now: clock.now(),
        }),
      );
      return { ok: true as const };
    },
  );
}
