import { WordFreqError } from '@wordfreq/core';
import { startEmulatedAws } from '@wordfreq/local-aws';
import { describe, expect, it } from 'vitest';
import { loadEmulatedAws } from './local-aws.js';

describe('loadEmulatedAws', () => {
  it('loads startEmulatedAws from @wordfreq/local-aws in this repository', async () => {
    expect(await loadEmulatedAws()).toBe(startEmulatedAws);
  });

  it('says how to install it when @wordfreq/local-aws is not installed (a CLI from npm)', async () => {
    const missing = Object.assign(new Error("Cannot find package '@wordfreq/local-aws' imported from /app/node_modules/@wordfreq/cli/dist/bin.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    const error = await loadEmulatedAws(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(WordFreqError.hasCode(error, 'CONFIG')).toBe(true);
    expect((error as Error).message).toMatch(/needs the emulated AWS from @wordfreq\/local-aws, which is not installed here: install it beside the CLI with 'npm install --save-dev @wordfreq\/local-aws'.*or run it from a checkout/);
  });

  it('passes on a package missing inside @wordfreq/local-aws rather than blaming the harness itself', async () => {
    const inner = Object.assign(new Error("Cannot find package 's3rver' imported from /app/node_modules/@wordfreq/local-aws/dist/index.js"), { code: 'ERR_MODULE_NOT_FOUND' });
    await expect(loadEmulatedAws(() => Promise.reject(inner))).rejects.toBe(inner);
  });

  it('says to rebuild when the package is there without the starter', async () => {
    const error = await loadEmulatedAws(() => Promise.resolve({})).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/has no startEmulatedAws\(\): rebuild it with 'npx turbo run build --filter=@wordfreq\/local-aws'/);
  });

  it('passes any other loading error on untouched', async () => {
    const broken = new SyntaxError('Unexpected token');
    await expect(loadEmulatedAws(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
