#!/usr/bin/env node
// A committed launcher, so npm links the `wordfreq` bin at install time, before `dist` is built.
import('../dist/bin.js').catch((error) => {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    process.stderr.write("wordfreq: the CLI is not built yet; run 'npm run build' first\n");
    process.exit(2);
  }
  throw error;
});
