import { useEffect, useId, useRef, useState } from 'react';
import { useAction, useLoad } from '../../common/hooks.ts';
import { Button, ErrorMessage, Form, LoadState, TextArea, TextField, useWording } from '../../common/ui.tsx';
import { fieldReason } from '../../i18n/error-text.ts';
import { useI18n } from '../../i18n/index.tsx';
import { eventLabel, groupEvents } from './labels.ts';
import { useWebhooksScope } from './scope.tsx';
import type { Endpoint, EndpointInput } from './webhooks-api.ts';

/** The event types an endpoint of this scope may subscribe to (the test event is sent on request only). */
export function useSubscribable() {
  const { api, platform } = useWebhooksScope();
  return useLoad(
    () =>
      api
        .eventTypes()
        .then((items) =>
          items.filter((e) => e.type !== 'webhook.test' && (platform || e.shopScoped)).map((e) => e.type),
        ),
    [api, platform],
  );
}

/** New endpoint, or an endpoint's address, note and events: https required, at least one event. */
export function EndpointForm({
  endpoint,
  onSaved,
  onCancel,
}: {
  endpoint?: Endpoint;
  onSaved(saved: Endpoint & { secret?: string }): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const { api } = useWebhooksScope();
  const catalog = useSubscribable();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [events, setEvents] = useState<string[]>(endpoint?.eventTypes ?? []);
  const [noEvents, setNoEvents] = useState(false);
  const save = useAction(async () => {
    if (events.length === 0) {
      setNoEvents(true);
      return;
    }
    const input: EndpointInput = { url: url.trim(), description: description.trim(), eventTypes: events };
    const saved = endpoint ? await api.update(endpoint.id, input) : await api.create(input);
    onSaved(saved);
  });
  const title = endpoint ? t('integrations.form.editTitle') : t('integrations.form.newTitle');
  return (
    <Form className="card form m-wide-form" label={title} onSubmit={() => save.run()}>
      <h3>{title}</h3>
      <TextField
        label={t('integrations.form.url')}
        name="url"
        type="url"
        required
        maxLength={2000}
        inputMode="url"
        autoComplete="off"
        placeholder="https://"
        hint={t('integrations.form.urlHint')}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        error={save.error}
      />
      <TextArea
        label={t('integrations.form.description')}
        name="description"
        rows={2}
        maxLength={200}
        hint={t('integrations.form.descriptionHint')}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={save.error}
      />
      <LoadState loaded={catalog}>
        {(types) => (
          <EventPicker
            catalog={types}
            value={events}
            onChange={(next) => {
              setEvents(next);
              if (next.length > 0) setNoEvents(false);
            }}
            invalid={noEvents}
            serverReason={save.error?.fieldReason('eventTypes')}
          />
        )}
      </LoadState>
      <ErrorMessage error={save.error} />
      <div className="row">
        <Button type="submit" busy={save.busy}>
          {endpoint ? t('integrations.form.save') : t('integrations.form.create')}
        </Button>
        <Button kind="secondary" onClick={onCancel}>
          {t('integrations.form.cancel')}
        </Button>
      </div>
    </Form>
  );
}

/** Event checkboxes grouped by resource, each group with a select-all box (mixed when part is ticked). */
function EventPicker({
  catalog,
  value,
  onChange,
  invalid,
  serverReason,
}: {
  catalog: string[];
  value: string[];
  onChange(next: string[]): void;
  invalid: boolean;
  serverReason: string | undefined;
}) {
  const { t } = useI18n();
  const w = useWording();
  const id = useId();
  const chosen = new Set(value);
  const problem = invalid ? t('integrations.form.noEvents') : serverReason && fieldReason(w, serverReason);
  return (
    <fieldset className="xi-events" aria-describedby={`${id}-hint${problem ? ` ${id}-error` : ''}`}>
      <legend>{t('integrations.form.events')}</legend>
      <small id={`${id}-hint`} className="hint">
        {t('integrations.form.eventsHint')}
      </small>
      {problem ? (
        <small id={`${id}-error`} className="field-error" role="alert">
          {problem}
        </small>
      ) : null}
      <div className="xi-event-groups">
        {groupEvents(catalog).map(({ group, types }) => {
          const ticked = types.filter((x) => chosen.has(x)).length;
          const groupName = t(`integrations.group.${group}`);
          return (
            <fieldset key={group} className="xi-event-group">
              <legend>
                <GroupBox
                  label={t('integrations.group.selectAll', { group: groupName })}
                  checked={ticked === types.length}
                  mixed={ticked > 0 && ticked < types.length}
                  onChange={(all) =>
                    onChange(
                      all
                        ? [...value, ...types.filter((x) => !chosen.has(x))]
                        : value.filter((x) => !types.includes(x)),
                    )
                  }
                >
                  {groupName}
                </GroupBox>
              </legend>
              {types.map((type) => (
                <label key={type} className="xi-check">
                  <input
                    type="checkbox"
                    checked={chosen.has(type)}
                    onChange={(e) =>
                      onChange(e.target.checked ? [...value, type] : value.filter((x) => x !== type))
                    }
                  />
                  <span>{eventLabel(t, type)}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}

function GroupBox({
  label,
  checked,
  mixed,
  onChange,
  children,
}: {
  label: string;
  checked: boolean;
  mixed: boolean;
  onChange(all: boolean): void;
  children: string;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <label className="xi-check xi-group-check">
      <input
        ref={box}
        type="checkbox"
        aria-label={label}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <strong>{children}</strong>
    </label>
  );
}
