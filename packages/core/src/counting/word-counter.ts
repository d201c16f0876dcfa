import { TooManyWordsError, type WordFreqError } from '../errors.js';
import { ByteWordTable, type ByteWordTableTuning } from './byte-word-table.js';
import { continueClassicToken, finishClassicToken, scanClassic } from './classic-scanner.js';
import { foldWord, resolveCountOptions, type CountOptions } from './count-options.js';
import { continueUnicodeWord, scanUnicode } from './unicode-scanner.js';
import { makeWordFilter } from './word-filter.js';
import type { WordCounts } from './word-count.js';

type Scan = (buf: Uint8Array, from: number, to: number, final: boolean, table: ByteWordTable) => number;
type Continue = (buf: Uint8Array, carried: number, to: number, final: boolean, table: ByteWordTable) => number;

/** Test seams on top of the table's: the carry size from which a word is continued, not rescanned. */
export interface WordCounterTuning extends ByteWordTableTuning {
  readonly longCarry?: number;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Counts words in a stream of byte chunks. Chunks may be cut anywhere (inside a word, inside a UTF-8
 * sequence, between a word and its apostrophe); each word is still counted once. The counter never
 * keeps a reference to a chunk after `write` returns, so callers may reuse one buffer for every read.
 * `end()` finishes the count; the counter cannot be written to afterwards.
 *
 * Words are scanned as bytes and counted in a typed-array hash table keyed on their bytes; strings
 * are made (and case folded, NFC-normalised, filtered) once per distinct word, in `end()`.
 */
export class WordCounter {
  readonly #scan: Scan;
  readonly #continue: Continue;
  readonly #longCarry: number;
  readonly #finish: (raw: string) => string;
  readonly #keep: (folded: string) => boolean;
  readonly #table: ByteWordTable;
  // The unfinished tail of the bytes so far (a word, a UTF-8 sequence) waiting for the next chunk.
  #carry = new Uint8Array(256);
  #carryLength = 0;
  #bytes = 0;
  #ended = false;
  #summarised = false;

  /** `tuning` is a test seam for the hash table; leave it out. */
  constructor(options?: CountOptions, tuning?: WordCounterTuning) {
    const resolved = resolveCountOptions(options);
    const classic = resolved.preset === 'classic';
    this.#scan = classic ? scanClassic : scanUnicode;
    this.#continue = classic ? continueClassicToken : continueUnicodeWord;
    // A carry longer than 3 bytes (the most a cut UTF-8 sequence leaves) always starts with a word.
    this.#longCarry = Math.max(3, tuning?.longCarry ?? 4096);
    this.#finish = classic ? finishClassicToken : foldWord;
    this.#keep = makeWordFilter(resolved);
    this.#table = new ByteWordTable(tuning);
  }

  write(input: Uint8Array): void {
    if (this.#ended) throw new Error('WordCounter.write called after end()');
    // A plain Uint8Array view of a Buffer (or other subclass) keeps the scanners monomorphic: V8
    // deoptimises the hot loop when it sees two kinds of byte array.
    const chunk = input.constructor === Uint8Array ? input : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.#bytes += chunk.length;
    if (this.#carryLength === 0) {
      this.#keepTail(chunk, this.#scan(chunk, 0, chunk.length, false, this.#table), chunk.length);
      return;
    }
    // Finish the carried tail with as few of the new bytes as needed (usually a handful), then scan
    // the rest of the chunk in place: the chunk is never copied whole.
    let borrowed = Math.min(chunk.length, 64);
    let carryIsWord = true;
    for (;;) {
      const carried = this.#carryLength;
      const joined = this.#reserve(carried + borrowed);
      joined.set(chunk.subarray(0, borrowed), carried);
      if (carryIsWord && carried > this.#longCarry) {
        // A long unfinished word: continue it from its last character rather than rescan it, or a
        // word spanning many chunks would cost time quadratic in its length.
        const end = this.#continue(joined, carried, carried + borrowed, false, this.#table);
        if (end < 0) {
          if (borrowed === chunk.length) {
            this.#carryLength = carried + borrowed;
            return;
          }
          borrowed = Math.min(chunk.length, borrowed * 4);
          continue;
        }
        if (end >= carried) {
          this.#carryLength = 0;
          this.#keepTail(chunk, this.#scan(chunk, end - carried, chunk.length, false, this.#table), chunk.length);
          return;
        }
        // The word ended inside the carry (before a trailing apostrophe, say): scan what is left,
        // which is no longer a word, the ordinary way.
        joined.copyWithin(0, end, carried);
        this.#carryLength = carried - end;
        carryIsWord = false;
        continue;
      }
      const restart = this.#scan(joined, 0, carried + borrowed, false, this.#table);
      if (restart >= carried) {
        this.#carryLength = 0;
        const from = restart - carried;
        this.#keepTail(chunk, this.#scan(chunk, from, chunk.length, false, this.#table), chunk.length);
        return;
      }
      // Still unfinished inside the carried bytes. Whatever was before `restart` is counted; keep
      // only the unfinished part, and nothing of the chunk was counted, so it can be scanned again.
      joined.copyWithin(0, restart, carried);
      this.#carryLength = carried - restart;
      if (borrowed === chunk.length) {
        this.#keepTail(chunk, 0, chunk.length);
        return;
      }
      borrowed = Math.min(chunk.length, borrowed * 4);
    }
  }

  end(): WordCounts {
    if (this.#summarised) throw new Error('WordCounter.end called twice');
    this.#summarised = true;
    if (!this.#ended) this.finishInput();
    const counts = new Map<string, number>();
    let totalWords = 0;
    this.visitWords((word, count) => {
      const before = counts.get(word);
      // V8's Maps hold 2^24 - 1 entries at most; `set` would throw "Map maximum size exceeded".
      if (before === undefined && counts.size >= MAX_MAP_ENTRIES) throw tooManyForOneMap(this.#bytes);
      counts.set(word, (before ?? 0) + count);
      totalWords += count;
    });
    return { bytes: this.#bytes, totalWords, counts };
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Different keys held (a word may have more than one key: "É" and "é" fold to one word late). */
  get distinctKeys(): number {
    return this.#table.size;
  }

  /** Slots of the table: `visitWords` ranges are below it. */
  get capacity(): number {
    return this.#table.capacity;
  }

  /** Bytes of the typed arrays held (table, arena, carry): what memory budgets are measured on. */
  get heldBytes(): number {
    return this.#table.heldBytes + this.#carry.byteLength;
  }

  /**
   * Ends the input without summarising: the unfinished tail is counted as the last word and
   * `write` is refused from now on. What was counted stays for `visitWords`.
   */
  finishInput(): void {
    if (this.#ended) throw new Error('WordCounter.finishInput called after the input ended');
    this.#ended = true;
    if (this.#carryLength > 0) this.#scan(this.#carry, 0, this.#carryLength, true, this.#table);
    this.#carryLength = 0;
  }

  /**
   * Calls `visit` with every word counted so far, finished (folded, NFC) and filtered, and its
   * count; `from`..`to` limits the walk to those table slots (see `capacity`). One word may be
   * visited more than once (under each of its keys); adding the counts up gives its count.
   */
  visitWords(visit: (word: string, count: number) => void, from?: number, to?: number): void {
    this.#table.forEach((bytes, count) => {
      const word = isAscii(bytes) ? asciiString(bytes) : this.#finish(utf8.decode(bytes));
      if (word.length === 0 || !this.#keep(word)) return;
      visit(word, count);
    }, from, to);
  }

  /**
   * Forgets every word counted so far (after they were handed off with `visitWords`) and goes on
   * counting; a word still unfinished at the end of the last chunk is kept, so nothing is lost.
   */
  clearWords(): void {
    this.#table.clear();
  }

  /** Appends `chunk[from, to)` to the carry. */
  #keepTail(chunk: Uint8Array, from: number, to: number): void {
    if (from === to) return;
    const carried = this.#carryLength;
    this.#reserve(carried + to - from).set(chunk.subarray(from, to), carried);
    this.#carryLength = carried + to - from;
  }

  /** The carry buffer, grown (keeping its contents) to hold at least `size` bytes. */
  #reserve(size: number): Uint8Array {
    if (size > this.#carry.length) {
      const grown = new Uint8Array(Math.max(size, this.#carry.length * 2));
      grown.set(this.#carry.subarray(0, this.#carryLength));
      this.#carry = grown;
    }
    return this.#carry;
  }
}

const MAX_MAP_ENTRIES = 2 ** 24 - 1;

function tooManyForOneMap(bytes: number): WordFreqError {
  return new TooManyWordsError(`the input (${bytes} bytes) has more than ${MAX_MAP_ENTRIES} different words, more than one JavaScript Map holds; ` +
      'count it with a memory budget and a scratch space to spill to (BoundedWordCounter, as the worker does)',
  );
}

function asciiString(bytes: Uint8Array): string {
  // fromCharCode over the bytes is several times faster than TextDecoder for short keys; the limit
  // keeps the argument count far below engines' stack limits.
  return bytes.length <= 1024 ? String.fromCharCode.apply(null, bytes as unknown as number[]) : utf8.decode(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let k = 0; k < bytes.length; k++) if (bytes[k] >= 0x80) return false;
  return true;
}
