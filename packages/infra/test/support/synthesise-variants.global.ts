// Vitest global setup: synthesises every variant once (with cdk-nag) before the test files run, so
// each file reads finished templates instead of synthesising again (a synth takes seconds).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { synthesiseTo } from './synth.js';
import { variants } from './variants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    synthDir: string;
  }
}

let dir: string | undefined;

export function setup(project: TestProject): void {
  dir = mkdtempSync(join(tmpdir(), 'wordfreq-infra-synth-'));
  for (const v of variants) synthesiseTo(join(dir, v.name), v.context, v.stack);
  project.provide('synthDir', dir);
}

export function teardown(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
