// `npm run local`: emulated AWS on this machine for trying the CLI, the worker and the handlers by
// hand. Starts s3rver, local-aws-sqs, DynamoDB Local and aws-ses-v2-local on 127.0.0.1, creates the
// default bucket, queues and tables, prints the variables to export, and runs until Ctrl-C.
import { startLocalAws, type LocalAws } from './local-aws.js';

type LocalSiteModule = {
  startLocalSite(local: LocalAws, options: object): Promise<{ url: string; milestones: readonly number[]; stop(): Promise<void> }>;
  localSiteOptionsFromEnv(env: NodeJS.ProcessEnv): object;
};

const quote = (value: string) => (/^[\w@%+=:,./-]*$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);

async function main(): Promise<void> {
  process.stderr.write('Starting emulated AWS (S3, SQS, DynamoDB with Streams, SES)...\n');
  const local = await startLocalAws();
  // MyTravel's site and API on the same emulators (MYTRAVEL_PORT, MYTRAVEL_MILESTONES). Loaded by name, not a declared
  // dependency: the site depends on the Lambda handlers, whose tests depend on this package.
  const siteModule: string = '@wordfreq/mytravel-site';
  const { startLocalSite, localSiteOptionsFromEnv } = (await import(siteModule)) as LocalSiteModule;
  const site = await startLocalSite(local, localSiteOptionsFromEnv(process.env)).catch(async (error: unknown) => { await local.stop(); throw error; });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n${signal}: stopping the emulators...\n`);
    site.stop().then(() => local.stop()).then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  const { endpoints } = local.aws;
  process.stdout.write(
    [
      '',
      'Emulated AWS is running on 127.0.0.1. In another shell, export these and use the CLI as on AWS:',
      '',
      ...Object.entries(local.env).map(([name, value]) => `export ${name}=${quote(value)}`),
      '',
      'Uploads to the uploads bucket become jobs on the jobs queue (as an S3 event notification would).',
      'For example:',
      '  npx wordfreq worker                                  # the EC2 queue worker, in its own shell',
      `  npx wordfreq upload ${local.env.WORDFREQ_BUCKET} notes.txt --wait   # upload, wait for the result`,
      '  npx wordfreq results                                 # what the results table holds',
      '  npx wordfreq queue                                   # jobs waiting, running, dead-lettered',
      '',
      `MyTravel, the forum: ${site.url}/ (the milestone mail goes out at ${site.milestones.join(', ')} visits)`,
      `Mail sent through SES: ${endpoints.ses}/ (viewer) or ${endpoints.ses}/store (JSON)`,
      'Data lives in memory and is gone when this stops. Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`npm run local could not start the emulators: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
