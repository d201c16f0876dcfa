import { lowerByte } from './char-classes.js';

/** Test seams: a tiny start and a narrowed hash force growth and hash collisions in tests. */
export interface ByteWordTableTuning {
  /** Slots to start with (a power of two). */
  readonly initialCapacity?: number;
  /** ANDed into every hash; 0x3 makes almost every word collide with others. */
  readonly hashMask?: number;
  /** Slot count at which a count spills into the float array (2^26 unless testing). */
  readonly spillCount?: number;
}

/** Words up to this many bytes are keys packed into three 32-bit integers; longer ones live in an arena. */
export const PACKED_BYTES = 12;

// One slot is 4 int32s (16 bytes, four slots per cache line), key and count together, so a lookup
// touches one cache line and the table of a large vocabulary still fits in a core's L2 cache:
//   0..2  short word: its bytes 0-3, 4-7, 8-11, big-endian within each int;
//         long word: [FNV hash, arena offset, length]
//   3     count * 16 + length code (the length for short words, LONG for long ones); 0 marks an
//         empty slot. When the count part reaches 2^26 it moves to a float array, so counts stay
//         exact however large.
const STRIDE = 4;
const LONG = 13;
const ONE = 16;
const SPILL_COUNT = 1 << 26;

/** Mixes a key into a well-spread 32-bit hash (murmur3's finaliser over a cheap combination). */
function mix(a0: number, a1: number, a2: number, length: number): number {
  let h = Math.imul(a0, 0x9e3779b1) ^ Math.imul(a1, 0x85ebca77) ^ Math.imul(a2, 0xc2b2ae3d) ^ length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/**
 * Counts words keyed on their bytes (ASCII letters folded to lower case) in an open-addressing hash
 * table held in one Int32Array. Short words are compared as three integers, long words by their
 * bytes in an arena. A JS string is made only once per distinct key, in `forEach`, never per
 * occurrence: that is what makes counting run at memory speed instead of allocation speed.
 */
export class ByteWordTable {
  readonly #hashMask: number;
  readonly #spillAt: number;
  #slots: Int32Array;
  #spilled: Float64Array | undefined;
  #mask: number;
  #size = 0;
  #arena = new Uint8Array(1 << 12);
  #arenaUsed = 0;

  constructor(tuning: ByteWordTableTuning = {}) {
    const capacity = tuning.initialCapacity ?? 1 << 12;
    if (capacity < 2 || (capacity & (capacity - 1)) !== 0) throw new RangeError(`initialCapacity must be a power of two >= 2, got ${capacity}`);
    this.#hashMask = tuning.hashMask ?? -1;
    const spillCount = tuning.spillCount ?? SPILL_COUNT;
    if (!Number.isInteger(spillCount) || spillCount < 2 || spillCount > SPILL_COUNT) throw new RangeError(`spillCount must be within 2..2^26, got ${spillCount}`);
    this.#spillAt = spillCount * ONE;
    this.#slots = new Int32Array(capacity * STRIDE);
    this.#mask = capacity - 1;
  }

  /** Distinct keys so far. */
  get size(): number {
    return this.#size;
  }

  /** Slots in the table now (a power of two); `forEach` ranges are slot numbers below it. */
  get capacity(): number {
    return this.#mask + 1;
  }

  /** Bytes of the typed arrays the table holds: slots, long-word arena and large counts. */
  get heldBytes(): number {
    return this.#slots.byteLength + this.#arena.byteLength + (this.#spilled?.byteLength ?? 0);
  }

  /**
   * Forgets every key but keeps the slots it has grown to: a counter that hands its words off and
   * starts again (spilling) would otherwise pay for every growth once more.
   */
  clear(): void {
    this.#slots.fill(0);
    this.#spilled = undefined;
    this.#size = 0;
    this.#arenaUsed = 0;
  }

  /**
   * Adds one occurrence of a word already packed by the caller: its first bytes (folded) in a0..a2
   * as `add` would pack them. When `length` exceeds PACKED_BYTES the packed parts are ignored and the
   * bytes are read from `buf[start, start + length)`.
   */
  addPacked(a0: number, a1: number, a2: number, length: number, buf: Uint8Array, start: number): void {
    if (length > PACKED_BYTES) {
      this.#addLong(buf, start, start + length);
      return;
    }
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = mix(a0, a1, a2, length) & this.#hashMask & mask;
    for (;;) {
      const at = slot * STRIDE;
      const tally = slots[at + 3];
      if (tally === 0) {
        this.#claim(at, a0, a1, a2, length);
        return;
      }
      if ((tally & 15) === length && slots[at] === a0 && slots[at + 1] === a1 && slots[at + 2] === a2) {
        if (tally + ONE < this.#spillAt) slots[at + 3] = tally + ONE;
        else this.#spill(slot);
        return;
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Adds one occurrence of the word `buf[start, end)`, ASCII case folded. */
  add(buf: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (length > PACKED_BYTES) {
      this.#addLong(buf, start, end);
      return;
    }
    let a0 = 0;
    let a1 = 0;
    let a2 = 0;
    for (let k = 0; k < length; k++) {
      const byte = lowerByte[buf[start + k]];
      if (k < 4) a0 = (a0 << 8) | byte;
      else if (k < 8) a1 = (a1 << 8) | byte;
      else a2 = (a2 << 8) | byte;
    }
    this.addPacked(a0, a1, a2, length, buf, start);
  }

  #addLong(buf: Uint8Array, start: number, end: number): void {
    let hash = 0x811c9dc5 | 0;
    for (let j = start; j < end; j++) hash = Math.imul(hash ^ lowerByte[buf[j]], 0x01000193);
    const length = end - start;
    const slots = this.#slots;
    const mask = this.#mask;
    let slot = mix(hash, 0, 0, LONG) & this.#hashMask & mask;
    for (;;) {
      const at = slot * STRIDE;
      const tally = slots[at + 3];
      if (tally === 0) break;
      if ((tally & 15) === LONG && slots[at] === hash && slots[at + 2] === length && this.#sameBytes(slots[at + 1], buf, start, length)) {
        if (tally + ONE < this.#spillAt) slots[at + 3] = tally + ONE;
        else this.#spill(slot);
        return;
      }
      slot = (slot + 1) & mask;
    }
    if (this.#arenaUsed + length > this.#arena.length) {
      const arena = new Uint8Array(Math.max(this.#arena.length * 2, this.#arenaUsed + length));
      arena.set(this.#arena.subarray(0, this.#arenaUsed));
      this.#arena = arena;
    }
    const offset = this.#arenaUsed;
    for (let k = 0; k < length; k++) this.#arena[offset + k] = lowerByte[buf[start + k]];
    this.#arenaUsed += length;
    this.#claim(slot * STRIDE, hash, offset, length, LONG);
  }

  #sameBytes(offset: number, buf: Uint8Array, start: number, length: number): boolean {
    const arena = this.#arena;
    for (let k = 0; k < length; k++) if (arena[offset + k] !== lowerByte[buf[start + k]]) return false;
    return true;
  }

  /** Moves a full count part out of the slot; `slot`'s count stays count part + spilled[slot]. */
  #spill(slot: number): void {
    this.#spilled ??= new Float64Array(this.#mask + 1);
    // The occurrence being added plus the count part so far: the slot keeps only its length code.
    this.#spilled[slot] += this.#spillAt / ONE;
    this.#slots[slot * STRIDE + 3] -= this.#spillAt - ONE;
  }

  #claim(at: number, a0: number, a1: number, a2: number, code: number): void {
    const slots = this.#slots;
    slots[at] = a0;
    slots[at + 1] = a1;
    slots[at + 2] = a2;
    slots[at + 3] = ONE + code;
    // Keep the load at most 3/4: probe sequences stay short and the table stays small.
    if (++this.#size * 4 > (this.#mask + 1) * 3) this.#grow();
  }

  #grow(): void {
    const old = this.#slots;
    const oldSpilled = this.#spilled;
    const capacity = (this.#mask + 1) * 2;
    const mask = capacity - 1;
    const slots = new Int32Array(capacity * STRIDE);
    const spilled = oldSpilled ? new Float64Array(capacity) : undefined;
    for (let from = 0; from < old.length / STRIDE; from++) {
      const at = from * STRIDE;
      const tally = old[at + 3];
      if (tally === 0) continue;
      const code = tally & 15;
      const hash = code === LONG ? mix(old[at], 0, 0, LONG) : mix(old[at], old[at + 1], old[at + 2], code);
      let slot = hash & this.#hashMask & mask;
      while (slots[slot * STRIDE + 3] !== 0) slot = (slot + 1) & mask;
      const to = slot * STRIDE;
      for (let k = 0; k < STRIDE; k++) slots[to + k] = old[at + k];
      if (spilled && oldSpilled) spilled[slot] = oldSpilled[from];
    }
    this.#slots = slots;
    this.#spilled = spilled;
    this.#mask = mask;
  }

  /**
   * Calls `visit` once per distinct key with its (folded) bytes and count; `bytes` is reused between
   * calls. `from` and `to` limit the walk to those slots, so a caller can visit a large table in
   * slices and do other work (write what it visited) in between; the table must not change meanwhile.
   */
  forEach(visit: (bytes: Uint8Array, count: number) => void, from = 0, to = this.#mask + 1): void {
    const slots = this.#slots;
    const packed = new Uint8Array(PACKED_BYTES);
    const end = Math.min(to, this.#mask + 1);
    for (let slot = Math.max(0, from); slot < end; slot++) {
      const at = slot * STRIDE;
      const tally = slots[at + 3];
      if (tally === 0) continue;
      const count = (tally >>> 4) + (this.#spilled?.[slot] ?? 0);
      const code = tally & 15;
      if (code === LONG) {
        visit(this.#arena.subarray(slots[at + 1], slots[at + 1] + slots[at + 2]), count);
        continue;
      }
      for (let k = 0; k < code; k++) {
        const group = k >> 2;
        const inGroup = Math.min(4, code - group * 4);
        packed[k] = slots[at + group] >>> (8 * (inGroup - 1 - (k & 3)));
      }
      visit(packed.subarray(0, code), count);
    }
  }
}
