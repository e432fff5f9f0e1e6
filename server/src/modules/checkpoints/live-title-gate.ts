import type { Settings } from '../../platform/settings.ts';
import { emergencyStop } from '../governance/index.ts';
import type { LiveTitleGate } from '../live/index.ts';
import { decide } from '../risk/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import { keepScreening } from './screening-evidence.store.ts';

/**
 * The live title checkpoint (product rules §6): the title is screened (normalised against evasion, then
 * the lexicons) and the verdict decided by the engine at 'live_title'. A title being scheduled is
 * decided about its host (the session does not exist yet), a changed one about its session. A
 * blocked high-risk title on air ends the session at once (高危内容紧急关播) and governance records
 * why; otherwise a block only refuses the title.
 */
export function trustLiveTitleGate(screening: ScreeningService, settings: Settings): LiveTitleGate {
  return async (tx, check) => {
    const screened = await screening.screen(check.title, { surface: 'live_title' }, tx);
    const subject =
      check.sessionId === null
        ? { type: 'user', id: check.hostUserId }
        : { type: 'live_session', id: check.sessionId };
    const decision = await decide(tx, {
      checkpoint: 'live_title',
      subject,
      facts: { screening_categories: screened.categories, screening_risk: screened.risk },
      now: check.now,
    });
    await keepScreening(tx, {
      decisionId: decision.decisionId,
      checkpoint: 'live_title',
      subject,
      outcome: decision.outcome,
      surface: 'live_title',
      text: check.title,
      screened,
      now: check.now,
    });
    if (decision.outcome === 'allow') return { outcome: 'allow', emergencyStop: false };
    const fired = decision.fired.map((f) => `${f.reason.zh} (${f.reason.en})`).join('；');
    const reason = `${fired || '标题风险 risky title'}: ${screened.categories.join(', ')}`;
    if (check.live && check.sessionId !== null && decision.outcome === 'block' && screened.risk === 'high') {
      await emergencyStop(
        tx,
        {
          sessionId: check.sessionId,
          reason: `直播标题高风险 high-risk live title: ${screened.categories.join(', ')}`,
          source: 'trust_engine',
          evidence: check.title,
        },
        { now: check.now, settings },
      );
      return { outcome: 'block', reason, emergencyStop: true };
    }
    return { outcome: decision.outcome, reason, emergencyStop: false };
  };
}
