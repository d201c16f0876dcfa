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
export { startLocalAws, type LocalAws } from './local-aws.js';
export { localAwsNames, localJobQueueSettings, localResourceEnv, localTableShapes, type LocalQueueUrls } from './local-layout.js';
export { startS3PostPolicyGate, type S3PostPolicyGate, type S3PostPolicyGateOptions } from './s3-post-policy-gate.js';
