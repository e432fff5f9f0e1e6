/** What a key does on a triage page (UX.md: j/k to move, a/r to decide, ? for help). */
export type TriageKey = 'next' | 'previous' | 'approve' | 'reject' | 'help' | 'close';

/** The keys and what each does, for the help overlay. */
export const TRIAGE_KEYS: { keys: string; action: TriageKey }[] = [
  { keys: 'j', action: 'next' },
  { keys: 'k', action: 'previous' },
  { keys: 'a', action: 'approve' },
  { keys: 'r', action: 'reject' },
  { keys: '?', action: 'help' },
  { keys: 'Esc', action: 'close' },
];

interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** The element the key was typed in. */
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null;
}

const TYPING_INPUTS = new Set([
  'text',
  'search',
  'number',
  'email',
  'tel',
  'url',
  'password',
  'date',
  'datetime-local',
]);

/** Whether the reader is typing (a key then belongs to the field, not the page). */
function typing(target: KeyInput['target']): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  return tag === 'INPUT' && TYPING_INPUTS.has((target.type ?? 'text').toLowerCase());
}

/** The page action of a key press, or null (typing in a field, a shortcut of the browser, another key). */
export function triageKey(event: KeyInput): TriageKey | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return 'close';
  if (typing(event.target)) return null;
  switch (event.key) {
    case 'j':
      return 'next';
    case 'k':
      return 'previous';
    case 'a':
      return 'approve';
    case 'r':
      return 'reject';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Minutes and hours an item has waited, split for wording ("3 h 12 min"). */
export function waited(fromIso: string, nowMs: number): { days: number; hours: number; minutes: number } {
  const total = Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 60_000));
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}
