import type { AddressesTables } from './modules/addresses/addresses.tables.ts';
import type { AftersalesTables } from './modules/aftersales/aftersales.tables.ts';
import type { SkuProtectionTables } from './modules/aftersales/protection/sku-protection.tables.ts';
import type { ApiKeysTables } from './modules/api-keys/api-keys.tables.ts';
import type { AudienceTables } from './modules/audience/audience.tables.ts';
import type { CareTables } from './modules/care/care.tables.ts';
import type { CatalogTables } from './modules/catalog/catalog.tables.ts';
import type { ChatTables } from './modules/chat/chat.tables.ts';
import type { ScreeningEvidenceTables } from './modules/checkpoints/evidence.tables.ts';
import type { ConfigurationTables } from './modules/configuration/configuration.tables.ts';
import type { ContentTables } from './modules/content/content.tables.ts';
import type { DiscoveryTables } from './modules/discovery/discovery.tables.ts';
import type { FilesTables } from './modules/files/files.tables.ts';
import type { FlashSalesTables } from './modules/flash-sales/flash-sales.tables.ts';
import type { FreightTables } from './modules/freight/freight.tables.ts';
import type { FulfilmentTables } from './modules/fulfilment/fulfilment.tables.ts';
import type { GovernanceTables } from './modules/governance/governance.tables.ts';
import type { GrowthTables } from './modules/growth/growth.tables.ts';
import type { IdentityTables } from './modules/identity/identity.tables.ts';
import type { IpTables } from './modules/ip/ip.tables.ts';
import type { LedgerTables } from './modules/ledger/ledger.tables.ts';
import type { LiveTables } from './modules/live/live.tables.ts';
import type { OrdersTables } from './modules/orders/orders.tables.ts';
import type { PaymentsTables } from './modules/payments/payments.tables.ts';
import type { PromotionsTables } from './modules/promotions/promotions.tables.ts';
import type { QualificationTables } from './modules/qualifications/registry.tables.ts';
import type { ReportsTables } from './modules/reports/reports.tables.ts';
import type { ReputationTables } from './modules/reputation/reputation.tables.ts';
import type { TrustEngineTables } from './modules/risk/engine.tables.ts';
import type { ScreeningTables } from './modules/screening/screening.tables.ts';
import type { SettlementTables } from './modules/settlement/settlement.tables.ts';
import type { ShopsTables } from './modules/shops/shops.tables.ts';
import type { StandingTables } from './modules/standing/standing.tables.ts';
import type { SurveysTables } from './modules/surveys/surveys.tables.ts';
import type { TriageTables } from './modules/triage/triage.tables.ts';
import type { VoiceTables } from './modules/voice/voice.tables.ts';
import type { WebhooksTables } from './modules/webhooks/webhooks.tables.ts';
import type { IdempotencyTables } from './platform/idempotency.tables.ts';
import type { OutboxTables } from './platform/outbox.tables.ts';
import type { DeadlinesTables } from './platform/scheduler/deadlines.tables.ts';

/** Every table, as Kysely sees it (camelCase; the CamelCasePlugin maps to snake_case columns). */
export interface Database
  extends IdentityTables,
    AddressesTables,
    ShopsTables,
    FreightTables,
    CatalogTables,
    AudienceTables,
    LiveTables,
    LedgerTables,
    DeadlinesTables,
    OrdersTables,
    PaymentsTables,
    SettlementTables,
    FulfilmentTables,
    AftersalesTables,
    QualificationTables,
    GovernanceTables,
    TrustEngineTables,
    ScreeningTables,
    ScreeningEvidenceTables,
    ContentTables,
    IpTables,
    TriageTables,
    ConfigurationTables,
    FilesTables,
    PromotionsTables,
    FlashSalesTables,
    StandingTables,
    GrowthTables,
    ReputationTables,
    DiscoveryTables,
    SurveysTables,
    ChatTables,
    CareTables,
    ReportsTables,
    VoiceTables,
    SkuProtectionTables,
    IdempotencyTables,
    OutboxTables,
    WebhooksTables,
    ApiKeysTables {
  schemaMigrations: { name: string; appliedAt: Date };
}
