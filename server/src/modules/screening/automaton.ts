// Aho–Corasick over UTF-16 code units: every literal term of a lexicon found in one pass over the
// text, however many terms there are (regular-expression alternations try each term at each place).

export interface Automaton {
  /** Goto function per state: code unit → next state. */
  next: Map<number, number>[];
  fail: number[];
  /** Indexes of the words that end at each state, its suffixes included. */
  out: number[][];
}

export function buildAutomaton(words: readonly string[]): Automaton {
  const next: Map<number, number>[] = [new Map()];
  const out: number[][] = [[]];
  for (const [index, word] of words.entries()) {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      let to = next[state]!.get(code);
      if (to === undefined) {
        to = next.length;
        next.push(new Map());
        out.push([]);
        next[state]!.set(code, to);
      }
      state = to;
    }
    out[state]!.push(index);
  }
  // breadth first: a state's failure link is the longest proper suffix that is also a prefix
  const fail = new Array<number>(next.length).fill(0);
  const queue = [...next[0]!.values()];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    for (const [code, to] of next[state]!) {
      let f = fail[state]!;
      while (f !== 0 && !next[f]!.has(code)) f = fail[f]!;
      const target = next[f]!.get(code);
      fail[to] = target !== undefined && target !== to ? target : 0;
      out[to]!.push(...out[fail[to]!]!);
      queue.push(to);
    }
  }
  return { next, fail, out };
}

/** Calls `found(wordIndex, end)` for every occurrence (overlapping ones too); `end` is exclusive. */
export function scanAutomaton(
  automaton: Automaton,
  text: string,
  found: (word: number, end: number) => void,
): void {
  const { next, fail, out } = automaton;
  let state = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let to = next[state]!.get(code);
    while (to === undefined && state !== 0) {
      state = fail[state]!;
      to = next[state]!.get(code);
    }
    state = to ?? 0;
    const words = out[state]!;
    for (let k = 0; k < words.length; k++) found(words[k]!, i + 1);
  }
}
