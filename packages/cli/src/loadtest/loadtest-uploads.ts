import type { ObjectStore } from '@wordfreq/core';
import { CorpusGenerator } from '../demo/corpus-generator.js';

export interface Upload {
  readonly key: string;
  readonly bytes: number;
  /** Run seconds at which the upload completed: S3 notifies the queue then. */
  readonly arrivalSeconds: number;
}

export interface UploadOptions {
  readonly bucket: string;
  readonly files: number;
  readonly bytesPerFile: number;
  readonly seed: number;
  /** Uploads in progress at once; the course's load test was a burst. */
  readonly parallel?: number;
  readonly now: () => number;
  readonly signal?: AbortSignal;
}

/**
 * Uploads `files` generated English-like text files as one burst (the course's load test), recording
 * when each landed: those are the jobs' arrival times, for the measured run and for the prediction.
 */
export async function uploadLoadtestFiles(storage: ObjectStore, options: UploadOptions): Promise<Upload[]> {
  const generator = new CorpusGenerator({ files: options.files, bytesPerFile: options.bytesPerFile, seed: options.seed, vocabularySize: 5000 });
  const files = [...generator.files()];
  const uploads: Upload[] = [];
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      options.signal?.throwIfAborted();
      const file = files[next++];
      const key = `loadtest/${file.name}`;
      await storage.put({ bucket: options.bucket, key }, file.bytes, { contentType: 'text/plain; charset=utf-8' });
      uploads.push({ key, bytes: file.bytes.length, arrivalSeconds: options.now() });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.parallel ?? 8, files.length) }, lane));
  return uploads.sort((a, b) => a.arrivalSeconds - b.arrivalSeconds || a.key.localeCompare(b.key));
}
