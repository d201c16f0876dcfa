import type { SpillSpace } from '../ports/spill-store.port.js';
import { utf8Length } from './utf8-length.js';

/*
 * Spilled counts on disk: each partition file is a run of records `varint(utf8 length) utf8-bytes
 * varint(count)` (unsigned LEB128; counts up to 2^53). A word's partition comes from a hash of the
 * word itself (after folding, NFC and filters), so partitions hold disjoint words and each can be
 * merged alone; another level of hashing (a different seed) splits a partition too big to merge.
 */

/** The partition of `word` among `fanout` at split level `level` (0 for the first spill). */
export function partitionOf(word: string, level: number, fanout: number): number {
  let h = 0x811c9dc5 ^ Math.imul(level, 0x9e3779b1);
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
  // FNV-1a's low bits are weak: finish with murmur3's mixer before reducing.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) % fanout;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
/** Largest encoded varint: 8 bytes hold 56 bits, more than any safe integer needs. */
const MAX_VARINT = 8;

function putVarint(buf: Uint8Array, at: number, value: number): number {
  while (value >= 0x80) {
    buf[at++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  buf[at++] = value;
  return at;
}

/**
 * Buffers records for many partition files and appends each file's buffer when it fills. `add`
 * is synchronous (it runs inside a walk of the counter's table); `flush` writes what filled up.
 */
export class PartitionWriter {
  readonly #space: SpillSpace;
  readonly #names: readonly string[];
  readonly #buffers: Uint8Array[];
  readonly #used: number[];
  readonly #full: { name: string; bytes: Uint8Array }[] = [];
  /** Records written to each partition: an upper bound on its distinct words. */
  readonly records: number[];
  bytesWritten = 0;

  constructor(space: SpillSpace, names: readonly string[], bufferBytes = 8 * 1024) {
    this.#space = space;
    this.#names = names;
    this.#buffers = names.map(() => new Uint8Array(bufferBytes));
    this.#used = names.map(() => 0);
    this.records = names.map(() => 0);
  }

  add(partition: number, word: string, count: number): void {
    const length = utf8Length(word);
    const size = length + 2 * MAX_VARINT;
    let buf = this.#buffers[partition];
    if (this.#used[partition] + size > buf.length) {
      this.#retire(partition);
      if (size > buf.length) {
        // A word longer than a buffer goes out in a record of its own.
        const own = new Uint8Array(size);
        this.#full.push({ name: this.#names[partition], bytes: own.subarray(0, this.#encode(own, 0, word, length, count)) });
        this.records[partition]++;
        return;
      }
      buf = this.#buffers[partition];
    }
    this.#used[partition] = this.#encode(buf, this.#used[partition], word, length, count);
    this.records[partition]++;
  }

  /** Appends the buffers that filled up since the last flush. */
  async flush(): Promise<void> {
    while (this.#full.length > 0) {
      const { name, bytes } = this.#full.shift()!;
      await this.#space.append(name, bytes);
      this.bytesWritten += bytes.length;
    }
  }

  /** Appends everything buffered. */
  async flushAll(): Promise<void> {
    for (let p = 0; p < this.#names.length; p++) if (this.#used[p] > 0) this.#retire(p);
    await this.flush();
  }

  /** Bytes buffered in memory now, to be written by the next flush. */
  get pendingBytes(): number {
    let total = 0;
    for (const { bytes } of this.#full) total += bytes.length;
    return total;
  }

  #retire(partition: number): void {
    const used = this.#used[partition];
    if (used === 0) return;
    // The filled buffer is handed to the flush as it is, and a new one takes its place.
    this.#full.push({ name: this.#names[partition], bytes: this.#buffers[partition].subarray(0, used) });
    this.#buffers[partition] = new Uint8Array(this.#buffers[partition].length);
    this.#used[partition] = 0;
  }

  #encode(buf: Uint8Array, at: number, word: string, length: number, count: number): number {
    at = putVarint(buf, at, length);
    if (length === word.length) {
      for (let k = 0; k < length; k++) buf[at + k] = word.charCodeAt(k);
    } else {
      encoder.encodeInto(word, buf.subarray(at, at + length));
    }
    return putVarint(buf, at + length, count);
  }
}

function wordAt(buf: Uint8Array, start: number, end: number): string {
  if (end - start <= 1024) {
    let ascii = true;
    for (let k = start; k < end; k++) if (buf[k] >= 0x80) { ascii = false; break; }
    if (ascii) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(buf.subarray(start, end));
}

/**
 * Calls `visit` with every record of file `name`, in order, and awaits `afterChunk` after each chunk
 * read (to write out what the records produced). Records cut by the store's chunking are joined; a
 * file that ends inside a record is corrupt and throws.
 */
export async function readRecords(
  space: SpillSpace,
  name: string,
  visit: (word: string, count: number) => void,
  afterChunk?: () => Promise<void>,
): Promise<void> {
  let rest: Uint8Array = new Uint8Array(0);
  for await (const chunk of space.read(name)) {
    let buf = chunk;
    if (rest.length > 0) {
      buf = new Uint8Array(rest.length + chunk.length);
      buf.set(rest);
      buf.set(chunk, rest.length);
    }
    const done = decodeRecords(buf, visit);
    rest = done === buf.length ? new Uint8Array(0) : buf.slice(done);
    await afterChunk?.();
  }
  if (rest.length > 0) throw new Error(`spilled counts in ${name} end inside a record (${rest.length} bytes left over): the scratch space lost data`);
}

/** Decodes the whole records of `buf`; returns where the first incomplete one starts. */
function decodeRecords(buf: Uint8Array, visit: (word: string, count: number) => void): number {
  let at = 0;
  for (;;) {
    const start = at;
    let length = 0;
    let scale = 1;
    let byte = 0x80;
    while (byte >= 0x80) {
      if (at >= buf.length) return start;
      byte = buf[at++];
      length += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    const wordStart = at;
    at += length;
    let count = 0;
    scale = 1;
    byte = 0x80;
    while (byte >= 0x80) {
      if (at >= buf.length) return start;
      byte = buf[at++];
      count += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    visit(wordAt(buf, wordStart, wordStart + length), count);
  }
}
