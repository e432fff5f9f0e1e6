import { useState } from 'react';
import { unwrap } from '../../api/client.ts';
import { DateTimeField, useZonedTime } from '../../common/date-time-field.tsx';
import { useConfirm, useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, SelectField, TextField } from '../../common/ui.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { stepName } from '../../merchant/growth/step-name.ts';
import type { ProgrammeVersion } from './growth-ops-types.ts';

type Programme = ProgrammeVersion['programme'];
const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** The current version of a programme (the newest in force, else the newest), as the next one's draft. */
function latest(versions: ProgrammeVersion[], programme: Programme): ProgrammeVersion | undefined {
  return versions.filter((v) => v.programme === programme).sort((a, b) => b.version - a.version)[0];
}

/**
 * A new version of a programme from the current one: targets and rewards edited in place, a time in the
 * future it takes effect; saving confirms, naming the version and the time, and cannot be undone.
 */
export function VersionEditor({ versions, onSaved }: { versions: ProgrammeVersion[]; onSaved(): void }) {
  const { t, tEnum, dateTime } = useI18n();
  const api = useApi();
  const confirm = useConfirm();
  const toast = useToast();
  const { toIso } = useZonedTime();
  const [programme, setProgramme] = useState<Programme>('new_merchant');
  const base = latest(versions, programme);
  const [from, setFrom] = useState('');
  const [note, setNote] = useState('');
  // edited numbers by "<row>.<field>", as typed
  const [edits, setEdits] = useState<Record<string, string>>({});
  const value = (key: string, current: number) => edits[key] ?? String(current);
  const field = (key: string, current: number, label: string) => (
    <TextField
      label={label}
      name={key}
      inputMode="numeric"
      value={value(key, current)}
      onChange={(e) => setEdits({ ...edits, [key]: e.target.value })}
    />
  );
  const save = useAction(async () => {
    if (!base) return undefined;
    const effectiveFrom = toIso(from);
    const next = base.version + 1;
    const ok = await confirm({
      title: t('growth.ops.saveTitle', { version: next }),
      body: t('growth.ops.saveBody', { time: dateTime(effectiveFrom) }),
      confirmLabel: t('growth.ops.save'),
    });
    if (!ok) return undefined;
    const saved =
      programme === 'new_merchant'
        ? await unwrap(
            api.POST('/api/v1/ops/growth/programmes/new-merchant', {
              body: {
                effectiveFrom,
                note,
                boost: {
                  creditsPerHour: num(value('boost.creditsPerHour', base.boost!.creditsPerHour)),
                  weightBp: Math.round(num(value('boost.weightPct', base.boost!.weightBp / 100)) * 100),
                  maxHours: num(value('boost.maxHours', base.boost!.maxHours)),
                },
                newShopBoost: { weightBp: base.boost!.newShopBoostBp, days: base.boost!.newShopBoostDays },
                steps: base.steps.map((s) => ({
                  code: s.code,
                  metric: s.metric,
                  threshold: num(value(`${s.code}.threshold`, s.threshold)),
                  rewardCredits: num(value(`${s.code}.rewardCredits`, s.rewardCredits)),
                })),
              },
            }),
          )
        : await unwrap(
            api.POST('/api/v1/ops/growth/programmes/active-seller', {
              body: {
                effectiveFrom,
                note,
                tiers: base.tiers.map(({ tier: n, ...x }) => ({
                  ...x,
                  rewardCredits: num(value(`tier${n}.rewardCredits`, x.rewardCredits)),
                  rebateBp: Math.round(num(value(`tier${n}.rebatePct`, x.rebateBp / 100)) * 100),
                })),
              },
            }),
          );
    toast.success(t('growth.ops.saved', { version: saved.version }));
    setEdits({});
    onSaved();
    return saved;
  });
  if (!base) return null;
  return (
    <section className="card stack" aria-labelledby="growth-editor">
      <h3 id="growth-editor">{t('growth.ops.newVersion')}</h3>
      <SelectField
        label={t('growth.ops.newVersion')}
        name="programme"
        value={programme}
        onChange={(e) => {
          setProgramme(e.target.value as Programme);
          setEdits({});
        }}
      >
        {(['new_merchant', 'active_seller'] as const).map((p) => (
          <option key={p} value={p}>
            {tEnum('growth.ops.programme.', p)}
          </option>
        ))}
      </SelectField>
      <p className="hint">
        {t(programme === 'new_merchant' ? 'growth.ops.newLadder' : 'growth.ops.newTiers')}
      </p>
      <DateTimeField
        label={t('growth.ops.effectiveFrom')}
        name="effectiveFrom"
        value={from}
        onChange={setFrom}
        error={save.error}
      />
      <TextField
        label={t('growth.ops.note')}
        name="note"
        value={note}
        maxLength={200}
        onChange={(e) => setNote(e.target.value)}
      />
      {programme === 'new_merchant' ? (
        <>
          <div className="row">
            {field('boost.creditsPerHour', base.boost!.creditsPerHour, t('growth.ops.creditsPerHour'))}
            {field('boost.weightPct', base.boost!.weightBp / 100, t('growth.ops.weightPct'))}
            {field('boost.maxHours', base.boost!.maxHours, t('growth.ops.maxHours'))}
          </div>
          {base.steps.map((s) => (
            <fieldset key={s.code} className="row">
              <legend>
                {s.position}. {stepName(t, s)}
              </legend>
              {field(`${s.code}.threshold`, s.threshold, t('growth.ops.threshold'))}
              {field(`${s.code}.rewardCredits`, s.rewardCredits, t('growth.ops.rewardCredits'))}
            </fieldset>
          ))}
        </>
      ) : (
        base.tiers.map((x) => (
          <fieldset key={x.tier} className="row">
            <legend>{t('growth.quarter.tierN', { tier: x.tier })}</legend>
            {field(`tier${x.tier}.rewardCredits`, x.rewardCredits, t('growth.ops.rewardCredits'))}
            {field(`tier${x.tier}.rebatePct`, x.rebateBp / 100, t('growth.ops.rebatePct'))}
          </fieldset>
        ))
      )}
      <ErrorMessage error={save.error} />
      <Button disabled={save.busy || from === ''} onClick={() => void save.run()}>
        {t('growth.ops.save')}
      </Button>
    </section>
  );
}
