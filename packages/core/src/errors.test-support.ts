import { expect } from 'vitest';
import { WordFreqError, type ErrorCode } from './errors.js';

/** The message of the `code` error `run` throws; fails the test when it throws nothing or another error. */
export function thrownMessage(code: ErrorCode, run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(WordFreqError.hasCode(error, code), `expected a ${code} WordFreqError, got ${String(error)}`).toBe(true);
    return (error as Error).message;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
}
