import type { CountOptions } from './count-options.js';
import { SimpleWordCounter } from './simple-word-counter.js';
import type { WordCounts } from './word-count.js';

/**
 * Counts words in a stream of byte chunks. Chunks may be cut anywhere (inside a word, inside a UTF-8
 * sequence, between a word and its apostrophe); each word is still counted once. `end()` finishes the
 * count; the counter cannot be written to afterwards.
 */
export class WordCounter {
  readonly #engine: SimpleWordCounter;
  #ended = false;

  constructor(options?: CountOptions) {
    this.#engine = new SimpleWordCounter(options);
  }

  write(chunk: Uint8Array): void {
    if (this.#ended) throw new Error('WordCounter.write called after end()');
    this.#engine.write(chunk);
  }

  end(): WordCounts {
    if (this.#ended) throw new Error('WordCounter.end called twice');
    this.#ended = true;
    return this.#engine.end();
  }
}
