import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordFreqError } from '../errors.js';
import { defaultPhotoUploadPolicy as policy } from './photo-upload.policy.js';
import { excerptOf, InvalidPostError, validateNewPost } from './post.rules.js';

const good = { title: 'Alfama at dawn', place: 'Lisbon', text: 'Trams, <b>tiles</b> & "fado".\nSecond line.', photo: { contentType: 'image/jpeg', size: 2_000_000 } };

function problemsOf(input: unknown): readonly string[] {
  try {
    validateNewPost(input, policy);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidPostError);
    expect(WordFreqError.hasCode(error, 'BAD_INPUT')).toBe(true);
    return (error as InvalidPostError).problems;
  }
  throw new Error('expected the post to be refused');
}

describe('validateNewPost', () => {
  it('returns the fields exactly as sent, markup and line breaks included', () => {
    expect(validateNewPost(good, policy)).toEqual(good);
    expect(validateNewPost({ ...good, title: '  spaced  ' }, policy).title).toBe('  spaced  ');
  });

  it('lists every problem at once, each naming its field', () => {
    expect(problemsOf({ title: '', place: 42, photo: { contentType: 'image/gif', size: 11 * 1024 * 1024 } })).toEqual([
      'title is empty',
      'place must be text, got number',
      'text is missing',
      'photo type image/gif is not accepted; use a JPEG, PNG, WebP image',
      'photo is 11 MB; the limit is 10 MB',
    ]);
    expect(problemsOf('a string')).toEqual(['the request body must be a JSON object with title, place, text and photo']);
    expect(problemsOf({ ...good, photo: undefined })[0]).toMatch(/^photo is missing/);
    expect(problemsOf({ ...good, photo: { contentType: 'image/png', size: 0 } })).toEqual(['photo size must be the file size in bytes, a whole number of at least 1']);
  });

  it('refuses control characters (text may keep line breaks and tabs) and over-long fields', () => {
    expect(problemsOf({ ...good, title: 'a\nb' })).toEqual(['title has a control character U+000A at index 1; use printable text']);
    expect(validateNewPost({ ...good, text: 'a\r\n\tb' }, policy).text).toBe('a\r\n\tb');
    expect(problemsOf({ ...good, text: 'bell\u0007' })).toEqual(['text has a control character U+0007 at index 4; use printable text']);
    expect(problemsOf({ ...good, place: 'é'.repeat(81) })).toEqual(['place is 81 characters long; the limit is 80']);
    // Code points, not UTF-16 units: 120 emoji are a valid title.
    expect(validateNewPost({ ...good, title: '🌍'.repeat(120) }, policy).title).toHaveLength(240);
  });

  it('accepts exactly the limit and refuses one byte more', () => {
    expect(validateNewPost({ ...good, photo: { contentType: 'image/webp', size: policy.maxBytes } }, policy).photo.size).toBe(policy.maxBytes);
    expect(problemsOf({ ...good, photo: { contentType: 'image/webp', size: policy.maxBytes + 1 } })).toEqual(['photo is 10.0 MB; the limit is 10 MB']);
  });
});

describe('excerptOf', () => {
  it('keeps short text whole, with white space flattened', () => {
    expect(excerptOf('one\n\ntwo  three')).toBe('one two three');
  });

  it('cuts long text at a word boundary within the length, marked with an ellipsis', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zé]{1,12}$/), { minLength: 1, maxLength: 60 }), fc.integer({ min: 20, max: 200 }), (words, length) => {
        const text = words.join(' ');
        const excerpt = excerptOf(text, length);
        if ([...text].length <= length) return excerpt === text;
        const body = excerpt.slice(0, -1);
        return excerpt.endsWith('…') && [...body].length <= length && text.startsWith(body);
      }),
    );
  });
});
