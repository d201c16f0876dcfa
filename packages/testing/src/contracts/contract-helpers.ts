import vm from 'node:vm';
import v8 from 'node:v8';
import { afterEach, beforeEach, expect } from 'vitest';
import { ConfigError, WordFreqError, type ErrorCode } from '@wordfreq/core';

/** Expects `action` to reject with a WordFreqError of `code` whose message mentions each of `mentions`. */
export async function expectWordFreqError(
  action: Promise<unknown> | (() => Promise<unknown>),
  code: ErrorCode,
  ...mentions: string[]
): Promise<WordFreqError> {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (error) {
    caught = error;
  }
  if (caught === undefined) throw new Error(`expected a ${code} error, but the call succeeded`);
  if (!WordFreqError.isInstance(caught)) {
    throw new Error(`expected a WordFreqError with code ${code}, got ${String(caught)}`, { cause: caught });
  }
  expect(caught.code, caught.message).toBe(code);
  for (const mention of mentions) expect(caught.message).toContain(mention);
  return caught;
}

/** The problems of the ConfigError `read` throws (a configuration reader); fails when it throws nothing or another error. */
export function configProblems(read: () => unknown): readonly string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError, but the configuration was accepted');
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export async function readBytes(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts = await collect(body);
  return Buffer.concat(parts.map((part) => Buffer.from(part.buffer, part.byteOffset, part.byteLength)));
}

export async function readText(body: AsyncIterable<Uint8Array>): Promise<string> {
  return new TextDecoder().decode(await readBytes(body));
}

/** Real time passing, for pauses that only give another request time to start (never asserted on). */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Runs `task` over `items` with at most `limit` in flight (emulators dislike thousands at once). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  });
  await Promise.all(workers);
  return results;
}

let gcFunction: (() => void) | undefined;

/**
 * A full garbage collection, so memory figures measure what is retained rather than what happens not
 * to have been collected yet. Uses the `gc` global when node runs with --expose-gc, otherwise turns the
 * flag on at run time and takes `gc` from a fresh context (V8 installs it in new contexts).
 */
export function collectGarbage(): void {
  if (!gcFunction) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (typeof existing === 'function') gcFunction = existing;
    else {
      v8.setFlagsFromString('--expose-gc');
      gcFunction = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFunction();
}

/**
 * Heap plus ArrayBuffer bytes (where Buffers live) after full collections. Twice: V8 releases the
 * backing stores of dead ArrayBuffers only after a collection has finished sweeping them, so one
 * collection still counts the garbage of the last.
 */
export function retainedBytes(): number {
  collectGarbage();
  collectGarbage();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Compares strings by UTF-8 bytes (= code points), the order S3 lists keys in. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Gives every test of the enclosing `describe` a fresh fixture from `make` (handed to `use`, and
 * checked by `check` when given) and disposes it afterwards, also when the test failed.
 */
export function freshFixturePerTest<F extends { dispose(): Promise<void> }>(
  make: () => Promise<F>,
  use: (fixture: F) => void,
  options: { readonly hookTimeoutMs?: number; readonly check?: (fixture: F) => void } = {},
): void {
  let current: F | undefined;
  const timeout = options.hookTimeoutMs ?? 60_000;
  beforeEach(async () => {
    current = await make();
    use(current);
    options.check?.(current);
  }, timeout);
  afterEach(async () => {
    await current?.dispose();
    current = undefined;
  }, timeout);
}
