import { BadInputError, TooManyWordsError, type WordFreqError } from '../errors.js';
import type { SpillSpace, SpillStore } from '../ports/spill-store.port.js';
import { bytesPerHeldWord, bytesPerMapEntry, countMemoryProblem, defaultCountMemoryBytes, maxWordsInOneMap, mergeGarbageFactor } from './count-budget.js';
import { resolveCountOptions, type CountOptions } from './count-options.js';
import { PartitionWriter, partitionOf, readRecords } from './spill-records.js';
import { summarize, topWords } from './top-words.js';
import { compareWordCounts, type CountSummary, type WordCount } from './word-count.js';
import { WordCounter, type WordCounterTuning } from './word-counter.js';

export interface CountBudget {
  /**
   * Estimated bytes the counter may hold for its words (default `defaultCountMemoryBytes`). Checked
   * after every chunk, so one chunk's new words may go over it before they are spilled.
   */
  readonly memoryBytes?: number;
  /** Where to spill words over the budget; without one, going over fails with TOO_MANY_WORDS. */
  readonly spill?: SpillStore;
  /** Names the input in messages (`bucket/key`). */
  readonly label?: string;
}

/**
 * Test seams: the counter's own, the partition fan-outs (first spill, and each later split), and
 * the per-word estimates, so that a budget of a few words makes small inputs spill and split.
 */
export interface BoundedCounterTuning extends WordCounterTuning {
  readonly fanout?: number;
  readonly splitFanout?: number;
  readonly bytesPerHeldWord?: number;
  readonly bytesPerMapEntry?: number;
  /** Stands in for `maxWordsInOneMap`, so the engine's limit on Map sizes can be tested small. */
  readonly maxWordsInOneMap?: number;
}

/**
 * Spill files per job: 512 partitions of ~1/512 of the words each let 1 GiB of distinct tokens
 * (134 million words) merge in one pass within a 128 MiB budget; bigger inputs split partitions.
 */
const FANOUT = 512;
const SPLIT_FANOUT = 16;
/** Table slots turned into records between two flushes: bounds the records waiting in memory. */
const SLICE_SLOTS = 1 << 15;
/** Splits deeper than this mean the hash cannot separate the words (it always can): a bug. */
const MAX_LEVEL = 40;

const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(bytes < MiB ? 2 : 0)} MiB`;

/**
 * Counts words with bounded memory, exactly, for any input. Words are counted in a `WordCounter`
 * until its estimated size passes the budget; then they are spilled: written to the scratch space
 * in partitions by a hash of the word, and the counter starts empty. At the end each partition is
 * merged alone (its words appear in no other), and the summary is gathered partition by partition:
 * totals add up, the top words of each partition compete for the overall top. A partition that
 * does not fit the budget when merged is split again with a differently seeded hash.
 *
 * When nothing spilled, the result is the plain counter's. Call `dispose` when done (`end` does).
 */
export class BoundedWordCounter {
  readonly #top: number;
  readonly #budget: number;
  readonly #store: SpillStore | undefined;
  readonly #label: string;
  readonly #fanout: number;
  readonly #splitFanout: number;
  readonly #bytesPerHeldWord: number;
  readonly #bytesPerMapEntry: number;
  readonly #maxWordsInOneMap: number;
  // Dropped once its words are all spilled, so the merge has the whole budget.
  #counter: WordCounter | undefined;
  #bytes = 0;
  #space: SpillSpace | undefined;
  #writer: PartitionWriter | undefined;
  #spills = 0;
  #splits = 0;
  #totalWords = 0;
  #disposed = false;

  constructor(options?: CountOptions, budget: CountBudget = {}, tuning: BoundedCounterTuning = {}) {
    this.#top = resolveCountOptions(options).top;
    const memoryBytes = budget.memoryBytes ?? defaultCountMemoryBytes;
    const problem = countMemoryProblem(memoryBytes);
    if (problem) throw new BadInputError(`the counter's memory budget ${problem}`);
    this.#budget = memoryBytes;
    this.#store = budget.spill;
    this.#label = budget.label ?? 'the input';
    this.#fanout = tuning.fanout ?? FANOUT;
    this.#splitFanout = tuning.splitFanout ?? SPLIT_FANOUT;
    this.#bytesPerHeldWord = tuning.bytesPerHeldWord ?? bytesPerHeldWord;
    this.#bytesPerMapEntry = tuning.bytesPerMapEntry ?? bytesPerMapEntry;
    this.#maxWordsInOneMap = tuning.maxWordsInOneMap ?? maxWordsInOneMap;
    this.#counter = new WordCounter(options, tuning);
  }

  /** Times the words were spilled so far. */
  get spills(): number {
    return this.#spills;
  }

  /** Partitions that were too big to merge and were split again. */
  get splits(): number {
    return this.#splits;
  }

  /** Counts a chunk; spills (or fails with TOO_MANY_WORDS) when the words outgrow the budget. */
  async write(chunk: Uint8Array): Promise<void> {
    this.#live().write(chunk);
    // An empty table over the budget (one huge chunk grew it) has nothing to spill: count on.
    if (this.#overBudget() && this.#live().distinctKeys > 0) await this.#spill();
  }

  /** Finishes the count and summarises it; the scratch space is removed whatever happens. */
  async end(): Promise<CountSummary> {
    try {
      const counter = this.#live();
      counter.finishInput();
      this.#bytes = counter.bytes;
      if (this.#spills === 0 && !this.#overBudget()) {
        // The words fit: the plain path, whose one Map is no larger than the budget allows.
        this.#counter = undefined;
        const counts = counter.end();
        return summarize(counts, this.#top);
      }
      await this.#spill();
      this.#counter = undefined;
      return await this.#mergeAll();
    } finally {
      await this.dispose();
    }
  }

  /** Removes the scratch space (idempotent); call it when a count is abandoned. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    const space = this.#space;
    this.#space = undefined;
    await space?.dispose();
  }

  #live(): WordCounter {
    if (this.#counter === undefined) throw new Error('BoundedWordCounter used after end()');
    return this.#counter;
  }

  /** Over the memory budget, or holding more words than one Map may take (whatever the budget). */
  #overBudget(): boolean {
    const counter = this.#live();
    return counter.heldBytes + counter.distinctKeys * this.#bytesPerHeldWord > this.#budget || counter.distinctKeys > this.#maxWordsInOneMap;
  }

  #tooManyWords(): WordFreqError {
    return new TooManyWordsError(`${this.#label} has more different words than fit in the counter's memory budget of ${mib(this.#budget)} ` +
        `(over ${this.#live().distinctKeys} after ${this.#live().bytes} bytes), and no scratch space is configured to spill them to; ` +
        'give the worker scratch space (a spill directory) or a larger memory budget',
    );
  }

  async #spill(): Promise<void> {
    if (this.#store === undefined) throw this.#tooManyWords();
    await this.#drain();
    this.#live().clearWords();
  }

  /** Writes every word the counter holds to the level-0 partitions. */
  async #drain(): Promise<void> {
    if (this.#disposed) throw new Error('BoundedWordCounter used after dispose()');
    this.#space ??= await this.#store!.open(this.#label);
    this.#writer ??= new PartitionWriter(this.#space, Array.from({ length: this.#fanout }, (_, p) => `p${p}`));
    const writer = this.#writer;
    const fanout = this.#fanout;
    const add = (word: string, count: number) => {
      writer.add(partitionOf(word, 0, fanout), word, count);
      this.#totalWords += count;
    };
    const counter = this.#live();
    for (let from = 0; from < counter.capacity; from += SLICE_SLOTS) {
      counter.visitWords(add, from, from + SLICE_SLOTS);
      await writer.flush();
    }
    await writer.flushAll();
    this.#spills++;
  }

  async #mergeAll(): Promise<CountSummary> {
    const seen = { distinctWords: 0, top: [] as WordCount[] };
    for (let p = 0; p < this.#fanout; p++) await this.#merge(`p${p}`, 0, seen);
    return { bytes: this.#bytes, totalWords: this.#totalWords, distinctWords: seen.distinctWords, top: seen.top };
  }

  /** Merges one partition into `seen`, or splits it when its words do not fit the budget. */
  async #merge(name: string, level: number, seen: { distinctWords: number; top: WordCount[] }): Promise<void> {
    const space = this.#space!;
    let counts: Map<string, number> | undefined = new Map();
    let bytes = 0;
    const fits = (words: number) => words <= this.#maxWordsInOneMap && (words * this.#bytesPerMapEntry + bytes) * mergeGarbageFactor <= this.#budget;
    await readRecords(space, name, (word, count) => {
      if (counts === undefined) return;
      const before = counts.get(word);
      if (before !== undefined) {
        counts.set(word, before + count);
        return;
      }
      bytes += 2 * word.length;
      // One word always fits, so a split always makes progress.
      if (!fits(counts.size + 1) && counts.size > 0) {
        counts = undefined;
        return;
      }
      counts.set(word, count);
    });
    if (counts !== undefined) {
      seen.distinctWords += counts.size;
      seen.top = [...seen.top, ...topWords(counts, this.#top)].sort(compareWordCounts).slice(0, this.#top);
      await space.remove(name);
      return;
    }
    if (level >= MAX_LEVEL) throw new Error(`spilled partition ${name} still does not fit after ${level} splits; the partition hash is broken`);
    this.#splits++;
    const fanout = this.#splitFanout;
    const names = Array.from({ length: fanout }, (_, j) => `${name}.${j}`);
    const writer = new PartitionWriter(space, names);
    await readRecords(
      space,
      name,
      (word, count) => writer.add(partitionOf(word, level + 1, fanout), word, count),
      () => writer.flush(),
    );
    await writer.flushAll();
    await space.remove(name);
    for (const sub of names) await this.#merge(sub, level + 1, seen);
  }
}
