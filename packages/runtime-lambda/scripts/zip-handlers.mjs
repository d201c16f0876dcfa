// Packs each handler bundle into dist/lambda/<name>.zip with index.mjs at the zip's root, ready for
// `aws lambda update-function-code --zip-file fileb://...` (handler setting: index.handler).
import archiver from 'archiver';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lambdaDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'lambda');
// Every bundle tsup built (tsup.config.ts's handlerNames, one folder each): one list of handlers.
const names = readdirSync(lambdaDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

// A fixed date keeps the zip byte-identical across builds of the same code (stable CodeSha256).
const fixedDate = new Date('2000-01-01T00:00:00Z');

async function zipHandler(name) {
  const bundle = join(lambdaDir, name, 'index.mjs');
  if (!existsSync(bundle)) {
    throw new Error(`${bundle} is missing: run tsup (npm run build in packages/runtime-lambda) before zipping`);
  }
  const target = join(lambdaDir, `${name}.zip`);
  const archive = archiver('zip', { zlib: { level: 9 } });
  const done = new Promise((resolve, reject) => {
    const out = createWriteStream(target);
    out.on('close', resolve);
    out.on('error', reject);
    archive.on('error', reject);
    archive.pipe(out);
  });
  // Source maps stay out of the zip: Lambda would not use them without --enable-source-maps, and
  // they double the upload. They remain next to the bundle in dist for local debugging.
  archive.file(bundle, { name: 'index.mjs', date: fixedDate, mode: 0o644 });
  await archive.finalize();
  await done;
  return { name, bytes: (await stat(target)).size, target };
}

for (const name of names) {
  const { bytes, target } = await zipHandler(name);
  console.log(`${target}  ${(bytes / 1024).toFixed(1)} KiB`);
}
