// The README's examples are the files under test/examples, verbatim: those run as tests, and this
// checks that the README still shows exactly them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const examples = [...readme.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map(([, path, code]) => ({ path, code }));

describe('README.md', () => {
  it('shows the example files', () => {
    expect(examples.map((e) => e.path)).toEqual(['test/examples/own-counter-store.test.ts', 'test/examples/counter-properties.test.ts']);
  });

  it.each(examples.map((e) => [e.path, e.code]))('shows %s as it is', (path, code) => {
    expect(code).toBe(readFileSync(new URL(path, root), 'utf8'));
  });
});
