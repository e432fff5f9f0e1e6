import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { SkeletonLoadState, useConfirm } from '../../common/feedback.tsx';
import { useAction, useLoad } from '../../common/hooks.ts';
import { useApi, useSession } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, TextArea, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { mayUse } from '../access.ts';
import type { ReputationRules } from './reputation-config.ts';
import { rulesFromValues, valuesOf } from './reputation-config.ts';

const DIMS = ['product', 'logistics', 'service'] as const;
const NUMBERS = ['windowDays', 'minCompletedOrders', 'adviceCount', 'recomputeCooldownMinutes'] as const;

/** /ops/reputation/rules: the experience score's weights, metric curves and limits, saved as a new configuration version. */
export function ReputationConfigPage() {
  const { t } = useI18n();
  const api = useApi();
  const current = useLoad(() => unwrap(api.GET('/api/v1/configuration')), [api]);
  return (
    <section className="stack">
      <h2>{t('ops.reputationConfig.title')}</h2>
      <p className="hint">{t('ops.reputationConfig.intro')}</p>
      <SkeletonLoadState loaded={current} rows={10}>
        {(c) => (
          <RulesForm
            key={c.version}
            version={c.version}
            rules={c.config.reputation}
            onSaved={(next) => current.set(next)}
          />
        )}
      </SkeletonLoadState>
    </section>
  );
}

type Saved = Awaited<ReturnType<typeof loadConfig>>;
const loadConfig = (api: ReturnType<typeof useApi>) => unwrap(api.GET('/api/v1/configuration'));

function RulesForm({
  version,
  rules,
  onSaved,
}: {
  version: number;
  rules: ReputationRules;
  onSaved(next: Saved): void;
}) {
  const { t } = useI18n();
  const { api, account } = useSession();
  const confirm = useConfirm();
  const editable = mayUse(account, ['rule_admin']);
  const [values, setValues] = useState<Record<string, string>>(() => valuesOf(rules));
  const [note, setNote] = useState('');
  const [saved, setSaved] = useState<number>();
  const save = useAction(async () => {
    if (!(await confirm({ title: t('ops.reputationConfig.save'), body: t('ops.reputationConfig.confirm') })))
      return;
    const reputation = rulesFromValues(rules, values);
    const next = await unwrap(
      api.POST('/api/v1/ops/configuration', { body: { changes: { reputation }, note } }),
    );
    setNote('');
    setSaved(next.version);
    onSaved(next);
  });
  const field = (path: string, label: string) => (
    <TextField
      key={path}
      label={label}
      name={`changes.reputation.${path}`}
      inputMode="decimal"
      value={values[path] ?? ''}
      readOnly={!editable}
      onChange={(e) => {
        setSaved(undefined);
        setValues({ ...values, [path]: e.target.value });
      }}
      error={save.error}
    />
  );
  return (
    <Form label={t('ops.reputationConfig.title')} className="form o-wide-form" onSubmit={() => save.run()}>
      <p className="hint">{t('ops.reputationConfig.version', { n: version })}</p>
      <fieldset className="card">
        <legend>
          <strong>{t('ops.reputationConfig.title')}</strong>
        </legend>
        <div className="o-fields">{NUMBERS.map((k) => field(k, t(`ops.reputationConfig.${k}`)))}</div>
      </fieldset>
      <fieldset className="card">
        <legend>
          <strong>{t('ops.reputationConfig.weights')}</strong>
        </legend>
        <div className="o-fields">{DIMS.map((d) => field(`weights.${d}`, t(`reputation.dim.${d}`)))}</div>
      </fieldset>
      {DIMS.map((dim) => (
        <fieldset key={dim} className="card">
          <legend>
            <strong>{t(`reputation.dim.${dim}`)}</strong>
          </legend>
          <p className="hint">{t('ops.reputationConfig.curveHint')}</p>
          {rules.metrics[dim].map((m, i) => (
            <div key={m.metric} className="stack">
              <h4>{t(`reputation.metric.${m.metric}`)}</h4>
              <div className="o-fields">
                {field(`metrics.${dim}.${i}.weight`, t('ops.reputationConfig.metricWeight'))}
                {m.curve.map((_, j) => [
                  field(
                    `metrics.${dim}.${i}.curve.${j}.value`,
                    `${t('ops.reputationConfig.pointValue')} ${j + 1}`,
                  ),
                  field(
                    `metrics.${dim}.${i}.curve.${j}.score`,
                    `${t('ops.reputationConfig.pointScore')} ${j + 1}`,
                  ),
                ])}
              </div>
            </div>
          ))}
        </fieldset>
      ))}
      {editable ? (
        <>
          <TextArea
            label={t('ops.reputationConfig.note')}
            name="note"
            value={note}
            required
            maxLength={500}
            onChange={(e) => setNote(e.target.value)}
            error={save.error}
          />
          <ErrorMessage error={save.error} />
          {saved ? (
            <p className="notice" role="status">
              {t('ops.reputationConfig.saved', { n: saved })}
            </p>
          ) : null}
          <div>
            <Button type="submit" busy={save.busy} disabled={!note.trim()}>
              {t('ops.reputationConfig.save')}
            </Button>
          </div>
        </>
      ) : null}
    </Form>
  );
}
