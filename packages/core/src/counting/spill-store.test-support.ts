// An in-test SpillStore for the counting tests (core cannot depend on @wordfreq/adapters-memory):
// files in memory, read back in small chunks so records are cut anywhere, with an optional quota.
import { WordFreqError } from '../errors.js';
import type { SpillSpace, SpillStore } from '../ports/spill-store.port.js';

export class FakeSpillStore implements SpillStore {
  readonly spaces: FakeSpillSpace[] = [];

  constructor(readonly options: { readonly quotaBytes?: number; readonly readChunk?: number } = {}) {}

  async open(label: string): Promise<SpillSpace> {
    const space = new FakeSpillSpace(label, this.options.quotaBytes ?? Infinity, this.options.readChunk ?? 5);
    this.spaces.push(space);
    return space;
  }
}

export class FakeSpillSpace implements SpillSpace {
  readonly files = new Map<string, Uint8Array[]>();
  disposed = false;
  bytesWritten = 0;
  #held = 0;
  peakBytes = 0;

  constructor(readonly label: string, readonly quotaBytes: number, readonly readChunk: number) {}

  async append(name: string, bytes: Uint8Array): Promise<void> {
    if (this.disposed) throw new Error(`append to ${name} after dispose`);
    if (this.#held + bytes.length > this.quotaBytes) {
      throw new WordFreqError('TOO_MANY_WORDS', `scratch space for ${this.label} is full (quota ${this.quotaBytes} bytes)`);
    }
    const parts = this.files.get(name) ?? [];
    parts.push(bytes.slice());
    this.files.set(name, parts);
    this.bytesWritten += bytes.length;
    this.#held += bytes.length;
    this.peakBytes = Math.max(this.peakBytes, this.#held);
  }

  async *read(name: string): AsyncIterable<Uint8Array> {
    if (this.disposed) throw new Error(`read of ${name} after dispose`);
    for (const part of this.files.get(name) ?? []) {
      for (let at = 0; at < part.length; at += this.readChunk) yield part.slice(at, at + this.readChunk);
    }
  }

  async remove(name: string): Promise<void> {
    for (const part of this.files.get(name) ?? []) this.#held -= part.length;
    this.files.delete(name);
  }

  async dispose(): Promise<void> {
    this.files.clear();
    this.#held = 0;
    this.disposed = true;
  }
}
