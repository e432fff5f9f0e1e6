import {
  aftersalesDeadlineBatchHandlers,
  aftersalesDeadlineHandlers,
  aftersalesFulfilmentHooks,
  hasOpenRequest,
  moneyDeadlineHandlers,
  protectionDeadlineHandlers,
} from './modules/aftersales/index.ts';
import { careDeadlineHandlers } from './modules/care/index.ts';
import { chatDeadlineHandlers } from './modules/chat/index.ts';
import { discoveryDeadlineHandlers, discoveryRankingSignals } from './modules/discovery/index.ts';
import { flashSaleDeadlineHandlers } from './modules/flash-sales/index.ts';
import { fulfilmentDeadlineHandlers } from './modules/fulfilment/index.ts';
import {
  governanceDeadlineHandlers,
  governanceShopStanding,
  provideRankingSignals,
} from './modules/governance/index.ts';
import { growthDeadlineHandlers } from './modules/growth/index.ts';
import { ipDeadlineHandlers } from './modules/ip/index.ts';
import { orderDeadlineHandlers } from './modules/orders/index.ts';
import { paymentDeadlineHandlers, paymentProvider } from './modules/payments/index.ts';
import { promotionDeadlineHandlers } from './modules/promotions/index.ts';
import { reputationDeadlineHandlers } from './modules/reputation/index.ts';
import {
  provideDepositDiscount,
  provideSettlementHooks,
  settlementDeadlineHandlers,
} from './modules/settlement/index.ts';
import { provideShopStanding } from './modules/shops/index.ts';
import { refreshStandingAfterScores, standingDepositDiscount } from './modules/standing/index.ts';
import { surveysDeadlineHandlers } from './modules/surveys/index.ts';
import { voiceDeadlineHandlers } from './modules/voice/index.ts';
import type { AppContext } from './platform/context.ts';
import type { DeadlineBatchHandlers, DeadlineHandlers } from './platform/scheduler/index.ts';

/**
 * Composition root of deadline handlers: every deadline kind of every module, by kind. Modules add
 * their handlers here (e.g. `...orderDeadlineHandlers(ctx)` from the module's index.ts). There is no
 * registration by import side effect: this map is the whole list of what the runner can fire.
 */
export function deadlineHandlers(ctx: AppContext): DeadlineHandlers {
  // Settlement's handlers check governance's freeze through this port.
  provideShopStanding(governanceShopStanding);
  // Settlement keeps an order's money in escrow while after-sales has a request open on it.
  provideSettlementHooks({ hasOpenRequest });
  // Settlement's deposit requirement carries the discount a shop's standing earns (product rules §7.2).
  provideDepositDiscount(standingDepositDiscount);
  // A traffic_limit penalty's end re-ranks the shop in the deadline's transaction (product rules §7.4).
  provideRankingSignals(discoveryRankingSignals);
  return {
    ...orderDeadlineHandlers(),
    ...paymentDeadlineHandlers(paymentProvider()),
    ...fulfilmentDeadlineHandlers(ctx.settings, aftersalesFulfilmentHooks(ctx.settings)),
    ...moneyDeadlineHandlers(ctx.settings),
    ...settlementDeadlineHandlers(ctx.settings),
    ...protectionDeadlineHandlers(),
    ...aftersalesDeadlineHandlers(ctx.settings),
    ...ipDeadlineHandlers(),
    ...governanceDeadlineHandlers(ctx.settings),
    ...flashSaleDeadlineHandlers(),
    ...promotionDeadlineHandlers(),
    ...growthDeadlineHandlers(),
    ...discoveryDeadlineHandlers(),
    ...reputationDeadlineHandlers(refreshStandingAfterScores),
    ...surveysDeadlineHandlers(),
    ...voiceDeadlineHandlers(),
    ...careDeadlineHandlers(),
    ...chatDeadlineHandlers(),
  };
}

/**
 * The kinds fired set-based, a whole claimed batch per call (each keeps its handler above for the
 * cases it leaves and as the fallback when a batch fails).
 */
export function deadlineBatchHandlers(ctx: AppContext): DeadlineBatchHandlers {
  return { ...aftersalesDeadlineBatchHandlers(ctx.settings) };
}
