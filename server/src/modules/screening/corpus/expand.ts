import type { Rng } from './random.ts';

/** A slot's values: phrases (which may hold slots themselves) or a function that makes one. */
export type Slot = readonly string[] | ((r: Rng) => string);
export type Vocabulary = Readonly<Record<string, Slot>>;

/**
 * Expands a template: `{name}` is replaced by a value of the slot `name` (expanded in turn),
 * `[a|b|c]` by one of its alternatives (which may hold slots and alternatives), `[a|]` may be empty.
 */
export function expand(template: string, vocab: Vocabulary, r: Rng, depth = 0): string {
  if (depth > 8) throw new Error(`template nested too deep: ${template}`);
  let out = '';
  let i = 0;
  while (i < template.length) {
    const ch = template[i]!;
    if (ch === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed slot in ${template}`);
      const name = template.slice(i + 1, end);
      const slot = vocab[name];
      if (slot === undefined) throw new Error(`unknown slot {${name}} in ${template}`);
      out += typeof slot === 'function' ? slot(r) : expand(r.pick(slot), vocab, r, depth + 1);
      i = end + 1;
    } else if (ch === '[') {
      // find the matching bracket and split at top-level bars
      const options: string[] = [];
      let level = 0;
      let start = i + 1;
      let j = i + 1;
      for (; j < template.length; j++) {
        const c = template[j];
        if (c === '[') level++;
        else if (c === ']') {
          if (level === 0) break;
          level--;
        } else if (c === '|' && level === 0) {
          options.push(template.slice(start, j));
          start = j + 1;
        }
      }
      if (j >= template.length) throw new Error(`unclosed alternative in ${template}`);
      options.push(template.slice(start, j));
      out += expand(r.pick(options), vocab, r, depth + 1);
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
