/**
 * A message table in both languages: the English table must have exactly the Chinese table's keys
 * (the type checker refuses a missing or extra key). `{name}` in a message is replaced by a variable.
 */
export function defineMessages<const Zh extends Record<string, string>>(
  zh: Zh,
  en: { [K in keyof Zh]: string },
): { zh: Zh; en: { [K in keyof Zh]: string } } {
  return { zh, en };
}
