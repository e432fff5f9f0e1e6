import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, unwrap } from '../../api/client.ts';
import { useToast } from '../../common/feedback.tsx';
import { useAction } from '../../common/hooks.ts';
import { useApi } from '../../common/session.tsx';
import { Button, ErrorMessage, Form, SelectField, TextField } from '../../common/ui.tsx';
import { type Translate, useI18n } from '../../i18n/index.tsx';
import { fenToYuan, PageHead, yuanToFen } from '../parts.tsx';
import { useShop } from '../shop.tsx';
import { type FreightMode, type FreightTemplate, gramsToKg, kgToGrams } from './freight-types.ts';
import { RegionChooser } from './RegionChooser.tsx';

interface RuleDraft {
  /** The row's identity in the form (rules have none of their own). */
  uid: number;
  codes: string[];
  firstFee: string;
  extraFee: string;
  remote: boolean;
}

interface Draft {
  name: string;
  mode: FreightMode;
  firstUnits: string;
  firstFee: string;
  extraUnits: string;
  extraFee: string;
  freeOver: string;
  isDefault: boolean;
  regions: RuleDraft[];
  excluded: string[];
}

let nextUid = 1;
const uid = () => nextUid++;

const units = (mode: FreightMode, n: number) => (mode === 'weight' ? gramsToKg(n) : String(n));

function draftOf(t: FreightTemplate | undefined, firstOfShop: boolean): Draft {
  if (!t)
    return {
      name: '',
      mode: 'piece',
      firstUnits: '1',
      firstFee: '',
      extraUnits: '1',
      extraFee: '',
      freeOver: '',
      isDefault: firstOfShop,
      regions: [],
      excluded: [],
    };
  return {
    name: t.name,
    mode: t.mode,
    firstUnits: units(t.mode, t.firstUnits),
    firstFee: fenToYuan(t.firstFen),
    extraUnits: units(t.mode, t.extraUnits),
    extraFee: fenToYuan(t.extraFen),
    freeOver: t.freeOverFen === null ? '' : fenToYuan(t.freeOverFen),
    isDefault: t.isDefault,
    regions: t.regions.map((r) => ({
      uid: uid(),
      codes: r.codes,
      firstFee: fenToYuan(r.firstFen),
      extraFee: fenToYuan(r.extraFen),
      remote: r.remote,
    })),
    excluded: t.excludedCodes,
  };
}

/** The form as the API's body; what is not a number is named like a server error, under its field. */
function bodyOf(d: Draft, t: Translate) {
  const problems: { field: string; reason: string }[] = [];
  const fee = (text: string, field: string) => {
    const fen = yuanToFen(text);
    if (fen === undefined) problems.push({ field, reason: t('freight.amountInvalid') });
    return fen ?? 0;
  };
  const unit = (text: string, field: string) => {
    const n = d.mode === 'weight' ? kgToGrams(text) : Number(text.trim());
    if (n === undefined || !Number.isSafeInteger(n) || n < 1) {
      problems.push({ field, reason: t('freight.unitsInvalid') });
      return 1;
    }
    return n;
  };
  const freeOver = d.freeOver.trim() === '' ? null : yuanToFen(d.freeOver);
  if (freeOver === undefined || freeOver === 0)
    problems.push({ field: 'freeOverFen', reason: t('freight.amountInvalid') });
  const body = {
    name: d.name.trim(),
    mode: d.mode,
    firstUnits: unit(d.firstUnits, 'firstUnits'),
    firstFen: fee(d.firstFee, 'firstFen'),
    extraUnits: unit(d.extraUnits, 'extraUnits'),
    extraFen: fee(d.extraFee, 'extraFen'),
    freeOverFen: freeOver ?? null,
    isDefault: d.isDefault,
    regions: d.regions.map((r, i) => {
      if (r.codes.length === 0)
        problems.push({ field: `regions.${i}.codes`, reason: t('freight.regionsMissing') });
      return {
        codes: r.codes,
        firstFen: fee(r.firstFee, `regions.${i}.firstFen`),
        extraFen: fee(r.extraFee, `regions.${i}.extraFen`),
        remote: r.remote,
      };
    }),
    excludedCodes: d.excluded,
  };
  if (problems.length > 0) throw new ApiError(400, 'validation_failed', '', { fields: problems });
  return body;
}

/** The template form: new (/merchant/freight/new) or an existing one (/merchant/freight/:id). */
export function TemplateEditor({
  template,
  firstOfShop,
}: {
  template: FreightTemplate | undefined;
  firstOfShop: boolean;
}) {
  const { t } = useI18n();
  const api = useApi();
  const { shop } = useShop();
  const navigate = useNavigate();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(template, firstOfShop));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setRule = (i: number, patch: Partial<RuleDraft>) =>
    set({ regions: draft.regions.map((r, j) => (j === i ? { ...r, ...patch } : r)) });

  const save = useAction(async () => {
    const body = bodyOf(draft, t);
    const saved = template
      ? await unwrap(
          api.PUT('/api/v1/shops/{id}/freight-templates/{templateId}', {
            params: { path: { id: shop.id, templateId: template.id } },
            body,
          }),
        )
      : await unwrap(
          api.POST('/api/v1/shops/{id}/freight-templates', { params: { path: { id: shop.id } }, body }),
        );
    toast.success(t('freight.saved'));
    navigate('/merchant/freight');
    return saved;
  });
  const error = save.error;
  const weight = draft.mode === 'weight';
  // Every code of the template sits in one place only: a rule or the not-delivered list.
  const takenBy = (except: number | 'excluded') =>
    new Set([
      ...draft.regions.flatMap((r, i) => (i === except ? [] : r.codes)),
      ...(except === 'excluded' ? [] : draft.excluded),
    ]);

  return (
    <section className="stack">
      <PageHead title={template ? template.name : t('freight.editor.newTitle')}>
        <Link to="/merchant/freight">{t('freight.editor.back')}</Link>
      </PageHead>
      <Form className="form m-wide-form card" label={t('freight.editor.label')} onSubmit={() => save.run()}>
        <TextField
          label={t('freight.field.name')}
          name="name"
          value={draft.name}
          maxLength={30}
          required
          onChange={(e) => set({ name: e.target.value })}
          error={error}
        />
        <SelectField
          label={t('freight.field.mode')}
          name="mode"
          value={draft.mode}
          hint={weight ? t('freight.weightHint') : undefined}
          onChange={(e) => {
            const mode = e.target.value as FreightMode;
            set({ mode, firstUnits: '1', extraUnits: '1' });
          }}
          error={error}
        >
          <option value="piece">{t('freight.mode.piece')}</option>
          <option value="weight">{t('freight.mode.weight')}</option>
        </SelectField>
        <div className="fr-fee-grid">
          <TextField
            label={t(weight ? 'freight.field.firstUnitsWeight' : 'freight.field.firstUnitsPiece')}
            name="firstUnits"
            inputMode="decimal"
            value={draft.firstUnits}
            required
            onChange={(e) => set({ firstUnits: e.target.value })}
            error={error}
          />
          <TextField
            label={t('freight.field.firstFee')}
            name="firstFen"
            inputMode="decimal"
            value={draft.firstFee}
            required
            onChange={(e) => set({ firstFee: e.target.value })}
            error={error}
          />
          <TextField
            label={t(weight ? 'freight.field.extraUnitsWeight' : 'freight.field.extraUnitsPiece')}
            name="extraUnits"
            inputMode="decimal"
            value={draft.extraUnits}
            required
            onChange={(e) => set({ extraUnits: e.target.value })}
            error={error}
          />
          <TextField
            label={t('freight.field.extraFee')}
            name="extraFen"
            inputMode="decimal"
            value={draft.extraFee}
            required
            onChange={(e) => set({ extraFee: e.target.value })}
            error={error}
          />
        </div>
        <TextField
          label={t('freight.field.freeOver')}
          name="freeOverFen"
          inputMode="decimal"
          value={draft.freeOver}
          hint={t('freight.field.freeOverHint')}
          onChange={(e) => set({ freeOver: e.target.value })}
          error={error}
        />
        <label className="row">
          <input
            type="checkbox"
            checked={draft.isDefault}
            onChange={(e) => set({ isDefault: e.target.checked })}
          />
          {t('freight.field.isDefault')}
        </label>
        <small className="hint">{t('freight.field.isDefaultHint')}</small>

        <fieldset className="stack">
          <legend>{t('freight.regions.title')}</legend>
          <small className="hint">{t('freight.regions.hint')}</small>
          {draft.regions.map((rule, i) => {
            const n = i + 1;
            return (
              <fieldset key={rule.uid} className="fr-rule card">
                <legend>{t('freight.regions.rule', { n })}</legend>
                <RegionChooser
                  label={t('freight.regions.choose')}
                  value={rule.codes}
                  onChange={(codes) => setRule(i, { codes })}
                  taken={takenBy(i)}
                />
                <div className="fr-fee-grid">
                  <TextField
                    label={`${t('freight.regions.rule', { n })} · ${t('freight.field.firstFee')}`}
                    name={`regions.${i}.firstFen`}
                    inputMode="decimal"
                    value={rule.firstFee}
                    required
                    onChange={(e) => setRule(i, { firstFee: e.target.value })}
                    error={error}
                  />
                  <TextField
                    label={`${t('freight.regions.rule', { n })} · ${t('freight.field.extraFee')}`}
                    name={`regions.${i}.extraFen`}
                    inputMode="decimal"
                    value={rule.extraFee}
                    required
                    onChange={(e) => setRule(i, { extraFee: e.target.value })}
                    error={error}
                  />
                </div>
                <label className="row">
                  <input
                    type="checkbox"
                    checked={rule.remote}
                    onChange={(e) => setRule(i, { remote: e.target.checked })}
                  />
                  {t('freight.regions.remote')}
                </label>
                <div>
                  <Button
                    kind="secondary"
                    onClick={() => set({ regions: draft.regions.filter((_, j) => j !== i) })}
                  >
                    {t('freight.regions.remove', { n })}
                  </Button>
                </div>
              </fieldset>
            );
          })}
          <div>
            <Button
              kind="secondary"
              onClick={() =>
                set({
                  regions: [
                    ...draft.regions,
                    {
                      uid: uid(),
                      codes: [],
                      firstFee: draft.firstFee,
                      extraFee: draft.extraFee,
                      remote: false,
                    },
                  ],
                })
              }
            >
              {t('freight.regions.add')}
            </Button>
          </div>
        </fieldset>

        <fieldset className="stack">
          <legend>{t('freight.excluded.title')}</legend>
          <small className="hint">{t('freight.excluded.hint')}</small>
          <RegionChooser
            label={t('freight.excluded.title')}
            value={draft.excluded}
            onChange={(excluded) => set({ excluded })}
            taken={takenBy('excluded')}
          />
        </fieldset>
        <ErrorMessage error={error} />
        <div className="row">
          <Button type="submit" busy={save.busy}>
            {template ? t('freight.save') : t('freight.create')}
          </Button>
        </div>
      </Form>
    </section>
  );
}
