import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useToast } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Badge, Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageHead, Progress, Tile } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { BoostCard } from './BoostCard.tsx';
import { type Growth, type LadderStep, pctOf } from './growth-types.ts';
import { QuarterCard } from './QuarterCard.tsx';
import { stepName } from './step-name.ts';

/** /merchant/growth (成长计划): 新商启航 task centre, 斗金 quarter, exposure credits, boosts. */
export function GrowthPage() {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const growth = useLoad(
    () => unwrap(api.GET('/api/v1/shops/{id}/growth', { params: { path: { id: shop.id } } })),
    [api, shop.id],
  );
  return (
    <section className="stack">
      <PageHead title={t('growth.title')} />
      <p className="hint">{t('growth.intro')}</p>
      <SkeletonLoadState loaded={growth} rows={8}>
        {(g) => (
          <>
            <CreditsCard g={g} />
            <LadderCard g={g} onChange={growth.reload} />
            <QuarterCard g={g} />
            <BoostCard g={g} onChange={growth.reload} />
            <JournalCard g={g} />
          </>
        )}
      </SkeletonLoadState>
    </section>
  );
}

function CreditsCard({ g }: { g: Growth }) {
  const { t, dateTime } = useI18n();
  const boostOver = g.ladder ? new Date(g.ladder.newShopBoostUntil).getTime() <= Date.now() : true;
  return (
    <section className="card stack" aria-label={t('growth.credits')}>
      <div className="m-tiles">
        <Tile label={t('growth.credits')}>
          <span data-testid="credit-balance">{g.creditBalance.toLocaleString()}</span>
        </Tile>
        {g.ladder && g.ladder.newShopBoostBp > 0 ? (
          <Tile label={t('growth.newShopBoost')}>
            <small>
              {boostOver
                ? t('growth.newShopBoost.over', { time: dateTime(g.ladder.newShopBoostUntil) })
                : t('growth.newShopBoost.value', {
                    pct: pctOf(g.ladder.newShopBoostBp),
                    time: dateTime(g.ladder.newShopBoostUntil),
                  })}
            </small>
          </Tile>
        ) : null}
      </div>
      <p className="hint">{t('growth.credits.hint')}</p>
    </section>
  );
}

function LadderCard({ g, onChange }: { g: Growth; onChange(): void }) {
  const { t } = useI18n();
  const api = useApi();
  const toast = useToast();
  const { shop } = useShop();
  const claim = useAction(async (step: LadderStep) => {
    const done = await unwrap(
      api.POST('/api/v1/shops/{id}/growth/rewards', {
        params: { path: { id: shop.id } },
        body: { step: step.code },
      }),
    );
    toast.success(t('growth.step.claimedToast', { credits: done.credits }));
    onChange();
    return done;
  });
  if (!g.ladder) {
    return (
      <section className="card stack" aria-labelledby="growth-ladder">
        <h3 id="growth-ladder">{t('growth.ladder.title')}</h3>
        <p className="hint">{t('growth.ladder.none', { days: g.ladderForDays })}</p>
      </section>
    );
  }
  return (
    <section className="card stack" aria-labelledby="growth-ladder">
      <div className="row">
        <h3 id="growth-ladder">{t('growth.ladder.title')}</h3>
        <span className="hint">{t('growth.ladder.version', { version: g.ladder.programmeVersion })}</span>
        {g.ladder.finished ? <Badge tone="ok">{t('growth.ladder.finished')}</Badge> : null}
      </div>
      <p className="hint">{t('growth.ladder.hint')}</p>
      <ol className="stack g-ladder">
        {g.ladder.steps.map((step) => (
          <StepRow key={step.code} step={step} busy={claim.busy} onClaim={() => void claim.run(step)} />
        ))}
      </ol>
      <ErrorMessage error={claim.error} />
    </section>
  );
}

function StepRow({ step, busy, onClaim }: { step: LadderStep; busy: boolean; onClaim(): void }) {
  const { t, dateTime } = useI18n();
  const name = stepName(t, step);
  const state = step.done ? 'done' : step.next ? 'next' : 'locked';
  return (
    <li className={`g-step g-step-${state}`} aria-label={name}>
      <div className="row">
        <strong>
          {step.position}. {name}
        </strong>
        <Badge tone={step.done ? 'ok' : step.next ? 'brand' : 'neutral'}>{t(`growth.step.${state}`)}</Badge>
        <span className="hint">{t('growth.step.reward', { credits: step.rewardCredits })}</span>
      </div>
      <div className="row">
        <Progress
          ratio={step.done ? 1 : step.measured / step.threshold}
          label={t('growth.step.progress', { measured: step.measured, threshold: step.threshold })}
        />
        <span>
          {t('growth.step.progress', {
            measured: Math.min(step.measured, step.threshold),
            threshold: step.threshold,
          })}
        </span>
        {step.completedAt ? (
          <small className="hint">{t('growth.step.doneAt', { time: dateTime(step.completedAt) })}</small>
        ) : null}
        {step.done && !step.claimedAt ? (
          <Button aria-label={t('growth.step.claimNamed', { step: name })} disabled={busy} onClick={onClaim}>
            {t('growth.step.claim')}
          </Button>
        ) : null}
        {step.claimedAt ? <Badge tone="neutral">{t('growth.step.claimed')}</Badge> : null}
      </div>
    </li>
  );
}

function JournalCard({ g }: { g: Growth }) {
  const { t, tEnum, dateTime } = useI18n();
  return (
    <section className="card stack" aria-labelledby="growth-journal">
      <h3 id="growth-journal">{t('growth.journal.title')}</h3>
      {g.journal.length === 0 ? (
        <p className="empty">{t('growth.journal.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('growth.journal.col.time')}</th>
              <th scope="col">{t('growth.journal.col.what')}</th>
              <th scope="col">{t('growth.journal.col.amount')}</th>
              <th scope="col">{t('growth.journal.col.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {g.journal.map((line) => (
              <tr key={line.entryId}>
                <td>{dateTime(line.at)}</td>
                <td>{tEnum('growth.journal.kind.', line.kind)}</td>
                <td>{line.amount > 0 ? `+${line.amount}` : line.amount}</td>
                <td>{line.balanceAfter}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
