/**
 * Byte and code point classes for the scanners, as lookup tables: one indexed load per byte is what
 * keeps the hot loops fast. Code point classes are pure functions of the code point, so the cache of
 * non-ASCII classes is shared by every counter in the process.
 */

/** Classes of the `unicode` preset. */
export const SEPARATOR = 0;
export const APOSTROPHE = 1;
export const WORD = 2;

/** `unicode` class of each ASCII byte: letters and digits are word characters, ' is an apostrophe. */
export const asciiUnicodeClass: Uint8Array = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x30; c <= 0x39; c++) table[c] = WORD;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = WORD;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = WORD;
  table[0x27] = APOSTROPHE;
  return table;
})();

/** For ASCII letters and digits, the byte case folded; 0 for every other byte (non-ASCII included). */
export const asciiWordByte: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let c = 0x30; c <= 0x39; c++) table[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) table[c] = c + 0x20;
  for (let c = 0x61; c <= 0x7a; c++) table[c] = c;
  return table;
})();

/** Each byte with ASCII upper case folded to lower case; every other byte unchanged. */
export const lowerByte: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) table[b] = b >= 0x41 && b <= 0x5a ? b + 0x20 : b;
  return table;
})();

/** 1 for the bytes the Go sample trims from both ends of a token: . , " ' ? ! */
export const classicTrimByte: Uint8Array = (() => {
  const table = new Uint8Array(256);
  for (const c of '.,"\'?!') table[c.charCodeAt(0)] = 1;
  return table;
})();

/** `classic` kinds of bytes, one load per byte: TOKEN_BYTE (ASCII, not space), SPACE_BYTE, NON_ASCII_BYTE. */
export const TOKEN_BYTE = 0;
export const SPACE_BYTE = 1;
export const NON_ASCII_BYTE = 2;
export const classicByteKind: Uint8Array = (() => {
  const table = new Uint8Array(256).fill(NON_ASCII_BYTE, 0x80);
  for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20]) table[c] = SPACE_BYTE;
  return table;
})();

/** Go's unicode.IsSpace above ASCII: U+0085, U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. */
export function isGoSpaceAboveAscii(cp: number): boolean {
  if (cp < 0x1680) return cp === 0x85 || cp === 0xa0;
  if (cp >= 0x2000 && cp <= 0x200a) return true;
  return cp === 0x1680 || cp === 0x2028 || cp === 0x2029 || cp === 0x202f || cp === 0x205f || cp === 0x3000;
}

const wordCharacter = /^[\p{L}\p{M}\p{Nd}]$/u;
// BMP classes, stored plus one so that 0 means "not looked up yet"; 64 KiB, filled lazily.
const bmpClassCache = new Uint8Array(0x10000);
const astralClassCache = new Map<number, number>();

function classify(cp: number): number {
  if (cp === 0x2019) return APOSTROPHE;
  return wordCharacter.test(String.fromCodePoint(cp)) ? WORD : SEPARATOR;
}

/** `unicode` class of a non-ASCII code point: WORD for L, M, Nd; APOSTROPHE for ’; SEPARATOR otherwise. */
export function unicodeClassAboveAscii(cp: number): number {
  if (cp < 0x10000) {
    const cached = bmpClassCache[cp];
    if (cached !== 0) return cached - 1;
    const computed = classify(cp);
    bmpClassCache[cp] = computed + 1;
    return computed;
  }
  let cached = astralClassCache.get(cp);
  if (cached === undefined) {
    cached = classify(cp);
    astralClassCache.set(cp, cached);
  }
  return cached;
}
