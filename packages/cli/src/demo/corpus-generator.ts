import { randomInt, seededRandom, type Random } from '@wordfreq/scaling';
import { buildVocabulary } from './vocabulary.js';
import { ZipfSampler } from './zipf-sampler.js';

export interface CorpusOptions {
  readonly files: number;
  /** Target size of each file in bytes; a file ends at the first word that reaches it. */
  readonly bytesPerFile: number;
  readonly seed: number;
  /** Distinct words to draw from (default 20,000). */
  readonly vocabularySize?: number;
}

export interface GeneratedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const lineWidth = 72;
const space = 0x20;
const newline = 0x0a;
const encoder = new TextEncoder();

/**
 * Deterministic English-like text with Zipf-distributed words, in sentences and wrapped paragraphs,
 * standing in for the course's load test (about 120 files of about 1 MB). The generator keeps its own
 * tally of every word it wrote, so the system's results can be checked against a count made without
 * the tokenizer, the queue or the workers.
 */
export class CorpusGenerator {
  readonly vocabulary: readonly string[];
  private readonly sampler: ZipfSampler;
  private readonly random: Random;
  // Every word pre-encoded twice (as written mid-sentence, then capitalised) in one byte array, so
  // writing a word is a short copy from one place: several times faster than one array per word.
  private readonly spelling: Uint8Array;
  private readonly offsets: Uint32Array;
  /** Occurrences per vocabulary rank, over every file generated so far. */
  private readonly tally: Float64Array;
  private wordsWritten = 0;

  constructor(private readonly options: CorpusOptions) {
    if (!Number.isInteger(options.files) || options.files < 0) throw new RangeError(`files must be a whole number, got ${options.files}`);
    if (!Number.isInteger(options.bytesPerFile) || options.bytesPerFile < 1) {
      throw new RangeError(`bytesPerFile must be a positive whole number, got ${options.bytesPerFile}`);
    }
    this.vocabulary = buildVocabulary(options.vocabularySize ?? 20_000);
    const forms = [...this.vocabulary, ...this.vocabulary.map((word) => word[0].toUpperCase() + word.slice(1))];
    this.spelling = encoder.encode(forms.join(''));
    this.offsets = new Uint32Array(forms.length + 1);
    forms.forEach((form, index) => (this.offsets[index + 1] = this.offsets[index] + form.length));
    this.sampler = new ZipfSampler(this.vocabulary.length, 1.0);
    this.random = seededRandom(options.seed);
    this.tally = new Float64Array(this.vocabulary.length);
  }

  /** Files one at a time, so a caller can upload each before the next is built. */
  *files(): Generator<GeneratedFile> {
    const digits = Math.max(3, String(this.options.files).length);
    for (let index = 1; index <= this.options.files; index++) {
      yield { name: `text-${String(index).padStart(digits, '0')}.txt`, bytes: this.text(this.options.bytesPerFile) };
    }
  }

  /** Words written so far (as the default tokenizer counts them: case folded). */
  get totalWords(): number {
    return this.wordsWritten;
  }

  /** Exact counts per word of everything generated so far. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    this.tally.forEach((count, rank) => {
      if (count > 0) counts.set(this.vocabulary[rank], count);
    });
    return counts;
  }

  private text(targetBytes: number): Uint8Array {
    // Room for the last word and its punctuation beyond the target.
    const out = new Uint8Array(targetBytes + 64);
    let length = 0;
    let column = 0;
    let sentenceLeft = 0;
    let sentencesInParagraph = randomInt(this.random, 3, 7);
    while (length < targetBytes) {
      const startsSentence = sentenceLeft === 0;
      if (startsSentence) sentenceLeft = randomInt(this.random, 4, 22);
      const rank = this.sampler.sample(this.random);
      this.tally[rank] += 1;
      this.wordsWritten += 1;
      const form = startsSentence ? rank + this.vocabulary.length : rank;
      const wordStart = this.offsets[form];
      const wordLength = this.offsets[form + 1] - wordStart;

      sentenceLeft -= 1;
      const punctuation = sentenceLeft === 0 ? (this.random() < 0.9 ? '.' : '?') : this.random() < 0.07 ? ',' : '';
      const tokenLength = wordLength + punctuation.length;
      // A line break instead of the space when the line is full; a blank line between paragraphs.
      if (column > 0) {
        if (column + 1 + tokenLength > lineWidth) {
          out[length++] = newline;
          column = 0;
        } else {
          out[length++] = space;
          column += 1;
        }
      }
      for (let i = 0; i < wordLength; i++) out[length++] = this.spelling[wordStart + i];
      if (punctuation) out[length++] = punctuation.charCodeAt(0);
      column += tokenLength;
      if (sentenceLeft === 0 && --sentencesInParagraph === 0) {
        out[length++] = newline;
        out[length++] = newline;
        column = 0;
        sentencesInParagraph = randomInt(this.random, 3, 7);
      }
    }
    if (out[length - 1] !== newline) out[length++] = newline;
    return out.subarray(0, length);
  }
}
