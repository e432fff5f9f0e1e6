import type { InputHTMLAttributes } from 'react';
import type { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/index.tsx';
import { isoToZonedInput, zonedInputToIso } from '../i18n/time-zone.ts';
import { TextField } from './ui.tsx';

/**
 * A date-and-time input read in the platform's time zone (not the browser's), labelled with it:
 * "开播时间（北京时间 UTC+8）". `value` and `onChange` carry the input's own text ("2026-12-06T20:00");
 * `useZonedTime().toIso` turns it into the moment to send.
 */
export function DateTimeField({
  label,
  name,
  value,
  onChange,
  error,
  hint,
  ...rest
}: {
  label: string;
  name: string;
  value: string;
  onChange(value: string): void;
  error?: ApiError | undefined;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange' | 'type'>) {
  const { t, zoneLabel } = useI18n();
  return (
    <TextField
      label={t('time.withZone', { time: label, zone: zoneLabel() })}
      name={name}
      type="datetime-local"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      hint={hint}
      {...rest}
    />
  );
}

/** Conversions between a DateTimeField's text and a moment, in the platform's time zone. */
export function useZonedTime() {
  const { timeZone } = useI18n();
  return {
    /** The moment the field's text names, as an ISO string (the text itself when it names none). */
    toIso: (local: string) => zonedInputToIso(local, timeZone),
    /** The field's text for a moment ('' for none). */
    toInput: (at: string | Date | null | undefined) => isoToZonedInput(at, timeZone),
  };
}
