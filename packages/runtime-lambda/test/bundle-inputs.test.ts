import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleInputFiles } from './bundle-inputs.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('bundleInputFiles (what makes a Lambda bundle stale)', () => {
  const files = bundleInputFiles(packageDir).map((file) => relative(join(packageDir, '..'), file));

  it('covers the sources of every workspace package a bundle contains, not only this one', () => {
    expect(files).toContain('runtime-lambda/src/jobs/jobs.handler.ts');
    expect(files).toContain('runtime-lambda/tsup.config.ts');
    expect(files).toContain('core/src/jobs/process-job.ts');
    expect(files).toContain('core/src/counting/word-counter.ts');
    expect(files).toContain('adapters-aws/src/sqs/sqs-job-queue.ts');
    expect(files).toContain('core/dist/index.js');
  });

  it('leaves out tests and packages a bundle does not contain', () => {
    expect(files.filter((file) => file.endsWith('.test.ts'))).toEqual([]);
    expect(files.filter((file) => file.startsWith('cli/') || file.startsWith('testing/') || file.startsWith('runtime-ec2/'))).toEqual([]);
    expect(files).not.toContain('runtime-lambda/dist/lambda/jobs.zip');
  });
});
