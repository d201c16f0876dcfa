import { WordFreqError } from '@wordfreq/core';
import { startEmulatedAws } from '@wordfreq/testing';
import { describe, expect, it } from 'vitest';
import { loadEmulatedAws } from './local-aws.js';

describe('loadEmulatedAws', () => {
  it('loads startEmulatedAws from @wordfreq/testing in this repository', async () => {
    expect(await loadEmulatedAws()).toBe(startEmulatedAws);
  });

  it('says where to run it from when the test kit is not installed (a CLI from npm)', async () => {
    const missing = Object.assign(new Error("Cannot find package '@wordfreq/testing'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadEmulatedAws(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'CONFIG')).toBe(true);
    expect((error as Error).message).toMatch(/needs the emulated AWS from @wordfreq\/testing, which is not installed here: run it from a checkout/);
  });

  it('says to rebuild when the package is there without the starter', async () => {
    const error = await loadEmulatedAws(() => Promise.resolve({})).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/has no startEmulatedAws\(\): rebuild it with 'npx turbo run build --filter=@wordfreq\/testing'/);
  });

  it('passes any other loading error on untouched', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(loadEmulatedAws(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
