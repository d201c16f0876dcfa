import { randomInt, seededRandom, type Random } from '@wordfreq/scaling';

/**
 * The most frequent English words, most frequent first, so the head of the Zipf curve reads like
 * English and a corpus's top words look like a real book's. A few contractions keep the tokenizer's
 * inner-apostrophe rule exercised.
 */
const commonWords = `the of and to a in that is was he for it with as his on be at by had not are but from or
have an they which one you were her all she there would their we him been has when who will more no if out so
said what up its about into than them can only other new some could time these two may then do first any my
now such like our over man me even most made after also did many before must through back years where much
your way well down should because each just those people how too little state good very make world still own
see men work long get here between both life being under never day same another know while last might us great
old year off come since against go came right used take three don't it's house city water land river ground
light heart night voice sea mountain forest stone road morning letter garden window book story child woman
friend mother father king people's can't`
  .split(/\s+/)
  .filter((word) => word.length > 0);

// Repeats weight the draw towards the simple letters English uses most.
const onsets = ['', '', 'b', 'c', 'd', 'f', 'g', 'h', 'l', 'l', 'm', 'n', 'p', 'r', 'r', 's', 's', 't', 't', 'v', 'w', 'br', 'cr', 'gr', 'pl', 'sh', 'st', 'th', 'tr', 'ch'];
const vowels = ['a', 'a', 'e', 'e', 'e', 'i', 'i', 'o', 'o', 'u', 'ea', 'ou', 'ai'];
const codas = ['', '', '', '', 'n', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ng', 'ck'];

function syllable(random: Random): string {
  return onsets[randomInt(random, 0, onsets.length - 1)] + vowels[randomInt(random, 0, vowels.length - 1)] + codas[randomInt(random, 0, codas.length - 1)];
}

/**
 * `size` distinct lower-case words, index = frequency rank: the common English words first, then
 * pronounceable made-up words that grow longer with rank, as rare words do in real text. Every entry is
 * exactly one word for the default tokenizer (ASCII letters, at most an inner apostrophe).
 */
export function buildVocabulary(size: number, seed = 7): readonly string[] {
  const random = seededRandom(seed);
  const words: string[] = commonWords.slice(0, size);
  const seen = new Set(words);
  while (words.length < size) {
    // Mostly two syllables; a third for rarer words, as rare English words are the longer ones.
    const syllables = randomInt(random, 1, 2) + (words.length > 2000 && random() < 0.6 ? 1 : 0);
    let word = '';
    for (let i = 0; i < syllables; i++) word += syllable(random);
    if (word.length < 2 || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }
  return words;
}
