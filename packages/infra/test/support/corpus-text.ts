import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { once } from 'node:events';

/*
 * Generated corpora for the corpus tests (nothing is checked in): words from a fixed vocabulary
 * with multi-byte UTF-8, apostrophes, mixed case and punctuation, drawn by a seeded generator, so
 * every run writes the same bytes and range cuts land inside words and characters.
 */

const vocabulary = [
  ...'the of and to in a is that it was for on are as with his they at be this from have or by one had not but what all were when we there can an your which their said if do will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know'.split(' '),
  'Café', 'cafe\u0301', 'naïve', 'straße', 'STRASSE', 'ﬁre', 'Ελλάδα', 'москва', '東京', 'don’t', "o'brien", "rock'n'roll", 'x2', '1984', 'émigré', 'Zürich', 'ðe', 'ꝥ',
];
const separators = [' ', ' ', ' ', ' ', '\n', ', ', '. ', '\t', ' -- ', '! ', '? ', '\r\n', ' (', ') ', '"', '\u00a0', '\u2003'];

/** A seeded xorshift generator: the same seed, the same text. */
export function seeded(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** About `bytes` bytes of text (it ends where the last word ends past that size). */
export function text(bytes: number, random: () => number): string {
  const pieces: string[] = [];
  let length = 0;
  while (length < bytes) {
    // Zipf-like: low indexes far more often, as in natural text; now and then a rare made-up word.
    const word = random() < 0.02 ? `w${Math.floor(random() * 50_000).toString(36)}` : vocabulary[Math.floor(vocabulary.length * random() ** 2.5)]!;
    const piece = word + separators[Math.floor(random() * separators.length)]!;
    pieces.push(piece);
    length += Buffer.byteLength(piece);
  }
  return pieces.join('');
}

export function writeText(file: string, bytes: number, seed: number): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text(bytes, seeded(seed)));
}

/**
 * A big file of exactly `bytes` bytes: `blocks` generated blocks of `blockBytes` written in a seeded
 * order (cheap to make, and no two cuts of a range plan see the same neighbourhood), cut at the size.
 */
export async function writeBigText(file: string, bytes: number, options: { blockBytes: number; blocks: number; seed: number }): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const random = seeded(options.seed);
  const blocks = Array.from({ length: options.blocks }, () => Buffer.from(text(options.blockBytes, random)).subarray(0, options.blockBytes));
  const out = createWriteStream(file);
  for (let written = 0; written < bytes; ) {
    const block = blocks[Math.floor(random() * blocks.length)]!;
    const piece = block.subarray(0, Math.min(block.length, bytes - written));
    if (!out.write(piece)) await once(out, 'drain');
    written += piece.length;
  }
  out.end();
  await once(out, 'close');
}
