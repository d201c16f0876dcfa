// Bench inputs: the KJV corpus (or a generated Zipf corpus when it is missing), its transliterations
// to non-Latin scripts, and big files streamed into the temp directory.
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const kjvPath = fileURLToPath(new URL('../../../shared/corpus/kjvbible.txt', import.meta.url));

/** The base text (one KJV, 4.3 MB) and where it came from. */
export function baseCorpus() {
  if (existsSync(kjvPath)) return { bytes: toPlain(readFileSync(kjvPath)), source: `KJV (${kjvPath})` };
  return { bytes: zipfCorpus(4_332_517, 42), source: 'generated Zipf corpus (kjvbible.txt not found at ../shared/corpus)' };
}

function toPlain(buffer) {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** `copies` concatenated copies of `bytes`. */
export function repeat(bytes, copies) {
  const out = new Uint8Array(bytes.length * copies);
  for (let i = 0; i < copies; i++) out.set(bytes, i * bytes.length);
  return out;
}

/** English-like text whose word frequencies follow Zipf's law (s = 1), deterministic for a seed. */
export function zipfCorpus(size, seed) {
  let state = seed >>> 0;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const syllables = ['th', 'e', 'an', 'd', 'or', 'in', 'ver', 'lo', 'ra', 'st', 'ing', 'ea', 'on', 'ly', 'ch', 'al', 'be', 'ti', 'ou', 'se'];
  const vocabulary = [];
  const seen = new Set();
  while (vocabulary.length < 20_000) {
    let word = '';
    const parts = 1 + Math.floor(random() * 4);
    for (let p = 0; p < parts; p++) word += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(word)) {
      seen.add(word);
      vocabulary.push(word);
    }
  }
  const harmonic = [];
  let sum = 0;
  for (let rank = 1; rank <= vocabulary.length; rank++) harmonic.push((sum += 1 / rank));
  const pick = () => {
    const target = random() * sum;
    let low = 0;
    let high = harmonic.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (harmonic[mid] < target) low = mid + 1;
      else high = mid;
    }
    return vocabulary[low];
  };
  const lines = [];
  let length = 0;
  while (length < size) {
    const words = [];
    const count = 8 + Math.floor(random() * 10);
    for (let w = 0; w < count; w++) words.push(w === 0 ? capitalise(pick()) : pick());
    const line = words.join(' ') + (random() < 0.3 ? ',\n' : '.\n');
    lines.push(line);
    length += line.length;
  }
  return new TextEncoder().encode(lines.join('')).subarray(0, size);
}

const capitalise = (word) => word[0].toUpperCase() + word.slice(1);

const cyrillic = 'абцдефгхийклмнопярстувшжыз';
const greek = 'αβψδεφγηιξκλμνοπθρστυωςχυζ';

/** The same text with Latin letters replaced by Cyrillic or Greek ones (2 bytes each in UTF-8). */
export function transliterate(bytes, script) {
  const letters = script === 'cyrillic' ? cyrillic : greek;
  const text = new TextDecoder().decode(bytes);
  let out = '';
  const map = new Map();
  for (let k = 0; k < 26; k++) {
    map.set(String.fromCharCode(0x61 + k), letters[k]);
    map.set(String.fromCharCode(0x41 + k), letters[k].toUpperCase());
  }
  const pieces = [];
  for (let start = 0; start < text.length; start += 1 << 20) {
    pieces.push(text.slice(start, start + (1 << 20)).replace(/[A-Za-z]/g, (c) => map.get(c)));
  }
  out = pieces.join('');
  return new TextEncoder().encode(out);
}

/** `bytes` cut to at most `size` bytes at the last newline, so both inputs are complete lines. */
export function cutToSize(bytes, size) {
  let end = Math.min(size, bytes.length);
  while (end > 0 && bytes[end - 1] !== 0x0a) end--;
  return bytes.subarray(0, end);
}

/** Writes `bytes` repeated until the file reaches `size` bytes, streamed (never `size` in memory). */
export function writeRepeated(path, bytes, size) {
  const fd = openSync(path, 'w');
  try {
    let written = 0;
    while (written < size) {
      const part = bytes.subarray(0, Math.min(bytes.length, size - written));
      writeSync(fd, part);
      written += part.length;
    }
  } finally {
    closeSync(fd);
  }
}
