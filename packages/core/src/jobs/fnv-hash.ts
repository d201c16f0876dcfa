/*
 * FNV-1a, 64-bit, over the UTF-8 bytes of a string: tiny, pure JavaScript (no node:crypto, so the core
 * runs anywhere) and stable across runtimes and versions. Not cryptographic: it names things
 * deterministically (result ids, fake request ids); nothing relies on it being hard to forge.
 */

const offsetBasis = 0xcbf29ce484222325n;
const prime = 0x100000001b3n;
const mask = 0xffffffffffffffffn;
const utf8 = new TextEncoder();

/** 16 lower-case hex digits. */
export function fnv1a64Hex(text: string): string {
  let hash = offsetBasis;
  for (const byte of utf8.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * prime) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}
