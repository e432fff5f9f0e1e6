import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// jieba (the Rust port @node-rs/jieba, with its bundled dictionary): PostgreSQL has no Chinese parser
// and zhparser/pg_jieba are extensions we cannot install on the embedded server, so text is cut into
// words here and stored as a 'simple' tsvector. One dictionary per process (loading it takes ~100 ms).
let jieba: Jieba | undefined;
const segmenter = () => {
  jieba ??= Jieba.withDict(dict);
  return jieba;
};

// Words only: jieba returns the spaces and punctuation between words as tokens of their own.
const WORD = /[\p{L}\p{N}]/u;

function words(tokens: readonly string[]): string[] {
  return tokens.map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0 && WORD.test(t));
}

/**
 * The words a text is found by (search mode: "阿克苏苹果" gives 阿克, 阿克苏 and 苹果), one space
 * between words, for `to_tsvector('simple', …)`. Latin words, pinyin and digits pass through lowercased.
 */
export function indexWords(text: string): string {
  return words(segmenter().cutForSearch(text, true)).join(' ');
}

/** The words of a buyer's query (precise mode), each of which a result must contain. */
export function queryWords(text: string): string[] {
  return [...new Set(words(segmenter().cut(text, true)))];
}
