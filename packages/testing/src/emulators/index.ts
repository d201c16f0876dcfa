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
export { startMotoAws, type MotoAws, type MotoSentMail } from './moto-aws.js';
export { motoInstallHint, startMotoServer, type MotoServer, type MotoServerOptions } from './moto-server.js';
