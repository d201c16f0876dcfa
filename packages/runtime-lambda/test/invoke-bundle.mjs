// Runs in a fresh `node` process, as Lambda's runtime would: imports a handler bundle (its init runs
// at import), invokes `handler` once with the event in the file named by argv[3], and prints the
// result on one line starting with "RESULT " (the handler's own log lines go to stdout too).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [bundle, eventFile] = process.argv.slice(2);
const { handler } = await import(pathToFileURL(bundle).href);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const started = Date.now();
const context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bundle-test',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:bundle-test',
  memoryLimitInMB: '512',
  awsRequestId: 'req-bundle-0001',
  logGroupName: '/aws/lambda/bundle-test',
  logStreamName: '2024/01/01/[$LATEST]0123456789abcdef',
  getRemainingTimeInMillis: () => 60_000 - (Date.now() - started),
};
try {
  const result = await handler(event, context);
  process.stdout.write(`RESULT ${JSON.stringify({ ok: true, result: result ?? null })}\n`);
} catch (error) {
  process.stdout.write(`RESULT ${JSON.stringify({ ok: false, error: String(error?.message ?? error) })}\n`);
}
