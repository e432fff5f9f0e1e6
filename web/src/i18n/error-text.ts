import type { Lang, MessageKey, Vars } from './index.tsx';
import { type CodeKind, type CodeNamer, holdReasonIn, reasonIn, systemReasonIn } from './reasons.ts';

/** What wording an error needs: the message tables of one language. */
export interface Wording {
  lang: Lang;
  t(key: MessageKey, vars?: Vars): string;
  has(key: string): key is MessageKey;
}

/** The parts of an API error the wording reads (ApiError has them). */
export interface ErrorLike {
  status: number;
  code: string;
  messageKey?: string | undefined;
  params: Record<string, string | number>;
  details: Record<string, unknown>;
  fields: { field: string; reason: string }[];
}

/**
 * A sentence for an API error in the reader's language, from the message tables only (the server's
 * English message is never shown): by the server's message key, else its code, else its HTTP status.
 */
export function errorSentence(w: Pick<Wording, 't' | 'has'>, error: ErrorLike): string {
  if (error.code === 'network') return w.t('error.network');
  if (error.messageKey === 'not_found' || (error.code === 'not_found' && error.details.resource)) {
    const resource = String(error.params.resource ?? error.details.resource ?? '').replace(/\W+/g, '_');
    const noun = `error.resource.${resource}`;
    if (w.has(noun)) return w.t('error.notFoundWhat', { what: w.t(noun) });
  }
  if (error.messageKey) {
    const keyed = `error.key.${error.messageKey}`;
    if (w.has(keyed)) return w.t(keyed, error.params);
  }
  const byCode = `error.${error.code}`;
  if (w.has(byCode)) return w.t(byCode);
  const byStatus = `error.status.${error.status >= 500 ? '5xx' : error.status}`;
  if (w.has(byStatus)) return w.t(byStatus);
  return w.t('error.unknown', { status: error.status });
}

/** The name of a field the server names ("items[0].quantity" → 数量), or undefined for one without. */
export function fieldName(w: Wording, field: string): string | undefined {
  const last =
    field
      .split('.')
      .at(-1)
      ?.replace(/\[\d+\]$/, '') ?? field;
  const key = `error.field.${last}`;
  return w.has(key) ? w.t(key) : undefined;
}

const CODE_PREFIX: Record<CodeKind, string> = {
  screening: 'ops.screening.',
  asType: 'buyer.asType.',
  asReason: 'buyer.asReason.',
  guarantee: 'buyer.guarantee.',
  orderState: 'buyer.orderState.',
};

/** Names of the codes a server reason carries, from the message tables. */
export function codeNamer(w: Wording): CodeNamer {
  return (kind, code) => {
    const key = `${CODE_PREFIX[kind]}${code}`;
    return w.has(key) ? w.t(key) : undefined;
  };
}

/** A field's reason in the reader's language. */
export function fieldReason(w: Wording, reason: string): string {
  return reasonIn(w.lang, reason, codeNamer(w));
}

/** Why content is held back, in the reader's language (categories named, not coded). */
export function holdReason(w: Wording, reason: string): string {
  return holdReasonIn(w.lang, reason, codeNamer(w));
}

/** A reason the platform recorded for a state change (a cancelled order, a stopped room), in words. */
export function systemReason(w: Wording, reason: string): string {
  return systemReasonIn(w.lang, reason, codeNamer(w));
}

/** Each field problem in words: "数量：不能大于 5", or the reason alone for a field without a name. */
export function fieldProblems(w: Wording, error: ErrorLike): string[] {
  return error.fields.map((f) => {
    const reason = fieldReason(w, f.reason);
    const name = fieldName(w, f.field);
    return name ? w.t('error.fieldProblem', { field: name, reason }) : reason;
  });
}
