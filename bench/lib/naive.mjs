// The baseline to beat: decode the whole text to a string, split it with regular expressions,
// lower-case every token and count in a Map. Same rules as our counter, so results must be identical.

const separators = /[^\p{L}\p{M}\p{Nd}'\u2019]+/u;
const apostropheRuns = /['\u2019]{2,}/;
const edgeApostrophes = /^['\u2019]+|['\u2019]+$/g;
const asciiOnly = /^[\x00-\x7f]*$/;

export function naiveUnicode(bytes) {
  const counts = new Map();
  for (const token of new TextDecoder().decode(bytes).split(separators)) {
    for (const part of token.split(apostropheRuns)) {
      const word = part.replace(edgeApostrophes, '');
      if (word === '') continue;
      const lower = word.toLowerCase();
      const folded = asciiOnly.test(lower) ? lower : lower.normalize('NFC');
      counts.set(folded, (counts.get(folded) ?? 0) + 1);
    }
  }
  return counts;
}

const goSpaces = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const trim = /^[.,"'?!]+|[.,"'?!]+$/g;

// UTF-8 length without encoding: TextEncoder per token would make this baseline needlessly slow.
function utf8Length(text) {
  let length = 0;
  for (const c of text) {
    const cp = c.codePointAt(0);
    length += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return length;
}

export function naiveClassic(bytes) {
  const counts = new Map();
  for (const token of new TextDecoder().decode(bytes).split(goSpaces)) {
    const lower = token.toLowerCase();
    if (utf8Length(lower) <= 4) continue;
    const word = lower.replace(trim, '');
    if (word !== '') counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}
