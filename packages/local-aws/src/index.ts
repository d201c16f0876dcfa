// The emulated AWS harness: s3rver, local-aws-sqs, DynamoDB Local (with Streams) and aws-ses-v2-local on
// 127.0.0.1 free ports, the S3 event bridge, and the layout `npm run local` creates. A dev tool: for
// tests, `npm run local` and the CLI's `loadtest --local`, never for code that runs on AWS.
export { startEmulatedAws, type EmulatedAws, type EmulatedAwsOptions } from './emulated-aws.js';
export {
  createEmulatorClients,
  emulatorCredentials,
  emulatorRegion,
  type EmulatedService,
  type EmulatorClients,
  type EmulatorEndpoints,
} from './emulator-clients.js';
export type { CreatedQueue, CreatedTable, QueueOptions, TableOptions } from './emulated-resources.js';
export { envFor } from './env-for.js';
export type { S3EventBridge, S3EventBridgeOptions } from './s3-event-bridge.js';
export type { SentMail } from './ses-emulator.js';
export { uniqueName } from './unique-name.js';
export { putRawItem, scanRawItems, type RawItem } from './raw-items.js';
export { startLocalAws, type LocalAws } from './local-aws.js';
export { localAwsNames, localJobQueueSettings, localResourceEnv, localTableShapes, type LocalQueueUrls } from './local-layout.js';
export { startS3PostPolicyGate, type S3PostPolicyGate, type S3PostPolicyGateOptions } from './s3-post-policy-gate.js';
export { startMotoAws, type MotoAws, type MotoSentMail } from './moto-aws.js';
export { motoInstallHint, startMotoServer, type MotoServer, type MotoServerOptions } from './moto-server.js';
export { startWatchedProcess, type StartFailureDetails, type WatchedProcess, type WatchedProcessSpec } from './watched-process.js';
export * from './faults/index.js';
