import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { countWords, emptyCounts, mergeCounts, type WordCounts } from '@wordfreq/core';
import { describeReadError } from '../count/read-errors.js';
import { readFileChunks } from '../count/read-file-chunks.js';
import { UsageError } from '../usage-error.js';
import { CorpusGenerator } from './corpus-generator.js';

export interface CorpusFile {
  /** The object key it is uploaded under. */
  readonly key: string;
  readonly body: Uint8Array | AsyncIterable<Uint8Array>;
}

/**
 * The demo's input: generated text or a directory's files. Besides the files it gives the exact word
 * counts of the whole corpus, made apart from the queue, the workers and the result store, so the
 * demo can check the system's results against them and show the corpus's real top words (the
 * results only keep each file's top ten).
 */
export interface Corpus {
  readonly description: string;
  readonly fileCount: number;
  /** Known before reading (generated: the target sizes; directory: the files' sizes), for progress. */
  readonly expectedBytes: number;
  files(): AsyncIterable<CorpusFile>;
  /**
   * Exact counts of the files `files()` yielded; call after iterating. `keys` limits a directory's
   * tally to those files (the ones the system could count); generated text is always tallied whole,
   * as every generated file must be counted.
   */
  tally(keys?: ReadonlySet<string>): Promise<WordCounts>;
}

export interface GeneratedCorpusOptions {
  readonly files: number;
  readonly bytesPerFile: number;
  readonly seed: number;
}

/** Seeded English-like text; its tally is the generator's own record of the words it wrote. */
export function generatedCorpus(options: GeneratedCorpusOptions): Corpus {
  const generator = new CorpusGenerator(options);
  let bytes = 0;
  return {
    description: `${options.files} generated files of about ${options.bytesPerFile} bytes (seed ${options.seed})`,
    fileCount: options.files,
    expectedBytes: options.files * options.bytesPerFile,
    async *files() {
      for (const file of generator.files()) {
        bytes += file.bytes.length;
        yield { key: `uploads/${file.name}`, body: file.bytes };
      }
    },
    async tally() {
      return { bytes, totalWords: generator.totalWords, counts: generator.counts() };
    },
  };
}

/**
 * Every regular file under `dir` (recursively, in sorted order), uploaded under its relative path.
 * Its tally counts the files again with the core's counter, separately from the workers.
 */
export async function directoryCorpus(dir: string, cwd: string): Promise<Corpus> {
  const root = resolve(cwd, dir);
  let paths: string[];
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new UsageError(`--dir '${dir}' is not a directory; pass a folder of text files`);
    paths = await listFiles(root);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = describeReadError(error);
    if (reason === undefined) throw error;
    throw new UsageError(`cannot read --dir '${dir}': ${reason}`);
  }
  if (paths.length === 0) throw new UsageError(`--dir '${dir}' has no files; put some text files in it`);
  const sizes = await Promise.all(paths.map(async (path) => (await stat(path)).size));
  const keyOf = (path: string) => relative(root, path).split(sep).join('/');
  return {
    description: `${paths.length} files from ${root}`,
    fileCount: paths.length,
    expectedBytes: sizes.reduce((sum, size) => sum + size, 0),
    async *files() {
      for (const path of paths) yield { key: keyOf(path), body: readFileChunks(path) };
    },
    async tally(keys) {
      let total = emptyCounts();
      for (const path of paths) {
        if (keys && !keys.has(keyOf(path))) continue;
        total = mergeCounts(total, await countWords(readFileChunks(path)));
      }
      return total;
    },
  };
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
