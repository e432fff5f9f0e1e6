import { useParams } from 'react-router';
import { unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { SkeletonLoadState } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { PageTitle, RequireBuyer } from '../parts.tsx';

type Survey = paths['/api/v1/me/care/surveys/{id}']['get']['responses']['200']['content']['application/json'];
type Answer = NonNullable<Survey['satisfaction']>;
const ANSWERS: Answer[] = ['satisfied', 'neutral', 'unsatisfied'];

/** /care/:id (平台关怀回访): after the platform reached out about an order, one tap says whether it helped. */
export function CareSurveyPage() {
  const { t } = useI18n();
  return (
    <RequireBuyer title={t('care.survey.title')}>
      <SurveyView />
    </RequireBuyer>
  );
}

function SurveyView() {
  const { t, tEnum, dateTime } = useI18n();
  const api = useApi();
  const id = Number(useParams().id);
  const survey = useLoad(
    () => unwrap(api.GET('/api/v1/me/care/surveys/{id}', { params: { path: { id } } })),
    [api, id],
  );
  const answer = useAction(async (satisfaction: Answer) => {
    const done = await unwrap(
      api.POST('/api/v1/me/care/surveys/{id}/answer', { params: { path: { id } }, body: { satisfaction } }),
    );
    survey.set(done);
  });
  return (
    <div className="stack">
      <PageTitle>{t('care.survey.title')}</PageTitle>
      <SkeletonLoadState loaded={survey}>
        {(s) => (
          <section className="card stack">
            <p>{t('care.survey.question', { orderId: s.orderId, shop: s.shopName })}</p>
            {s.state === 'answered' && s.satisfaction ? (
              <p role="status">
                <strong>
                  {t('care.survey.thanks', { answer: tEnum('care.satisfaction.', s.satisfaction) })}
                </strong>
              </p>
            ) : s.state === 'asked' ? (
              <>
                <div className="row">
                  {ANSWERS.map((a) => (
                    <Button
                      key={a}
                      kind={a === 'satisfied' ? 'primary' : 'secondary'}
                      busy={answer.busy}
                      onClick={() => void answer.run(a)}
                    >
                      {t(`care.satisfaction.${a}`)}
                    </Button>
                  ))}
                </div>
                <small className="hint">{t('care.survey.until', { time: dateTime(s.expiresAt) })}</small>
              </>
            ) : (
              <p className="hint">{t('care.survey.closed')}</p>
            )}
            <ErrorMessage error={answer.error} />
          </section>
        )}
      </SkeletonLoadState>
    </div>
  );
}
