import { foldWord, resolveCountOptions, type CountOptions } from './count-options.js';
import { makeWordFilter } from './word-filter.js';
import type { WordCounts } from './word-count.js';

const wordChar = /[\p{L}\p{M}\p{Nd}]/u;
const isApostrophe = (c: string) => c === "'" || c === '\u2019';

// Go's unicode.IsSpace: what bufio.ScanWords splits on in the Go sample.
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;
const classicTrim = /^[.,"'?!]+|[.,"'?!]+$/g;
const utf8 = new TextEncoder();

/**
 * The plain, obviously-correct counter: decode with a streaming TextDecoder (which turns invalid bytes
 * into U+FFFD, a separator), then walk code points with regular expressions. It is the reference the
 * fast `WordCounter` is tested against, and is too slow (a string per token) to ship as the counter.
 */
export class SimpleWordCounter {
  readonly #decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  readonly #classic: boolean;
  readonly #keep: (folded: string) => boolean;
  readonly #counts = new Map<string, number>();
  #carry = '';
  #bytes = 0;
  #totalWords = 0;

  constructor(options?: CountOptions) {
    const resolved = resolveCountOptions(options);
    this.#classic = resolved.preset === 'classic';
    this.#keep = makeWordFilter(resolved);
  }

  write(chunk: Uint8Array): void {
    this.#bytes += chunk.length;
    this.#scan(this.#carry + this.#decoder.decode(chunk, { stream: true }), false);
  }

  end(): WordCounts {
    this.#scan(this.#carry + this.#decoder.decode(), true);
    return { bytes: this.#bytes, totalWords: this.#totalWords, counts: this.#counts };
  }

  #scan(text: string, final: boolean): void {
    this.#carry = this.#classic ? this.#scanClassic(text, final) : this.#scanUnicode(text, final);
  }

  #add(folded: string): void {
    if (!this.#keep(folded)) return;
    this.#counts.set(folded, (this.#counts.get(folded) ?? 0) + 1);
    this.#totalWords++;
  }

  /** Returns the unfinished tail (a word, maybe with a trailing apostrophe) to prepend to the next chunk. */
  #scanUnicode(text: string, final: boolean): string {
    let start = -1; // start of the current word, -1 outside words
    let apostrophe = -1; // index of a trailing apostrophe not yet known to be inside the word
    let index = 0;
    for (const c of text) {
      if (wordChar.test(c)) {
        if (start < 0) start = index;
        apostrophe = -1;
      } else if (start >= 0 && apostrophe < 0 && isApostrophe(c)) {
        apostrophe = index;
      } else if (start >= 0) {
        this.#add(foldWord(text.slice(start, apostrophe >= 0 ? apostrophe : index)));
        start = apostrophe = -1;
      }
      index += c.length;
    }
    if (start < 0) return '';
    if (!final) return text.slice(start);
    this.#add(foldWord(text.slice(start, apostrophe >= 0 ? apostrophe : text.length)));
    return '';
  }

  #scanClassic(text: string, final: boolean): string {
    let start = -1;
    let index = 0;
    for (const c of text) {
      if (goSpace.test(c)) {
        if (start >= 0) this.#addClassic(text.slice(start, index));
        start = -1;
      } else if (start < 0) {
        start = index;
      }
      index += c.length;
    }
    if (start < 0) return '';
    if (!final) return text.slice(start);
    this.#addClassic(text.slice(start));
    return '';
  }

  #addClassic(token: string): void {
    const lower = token.toLowerCase();
    if (utf8.encode(lower).length <= 4) return;
    const trimmed = lower.replace(classicTrim, '');
    // The Go sample lower-cases only; no NFC here, so classic keeps its byte-for-byte words.
    if (trimmed.length > 0) this.#add(trimmed);
  }
}
