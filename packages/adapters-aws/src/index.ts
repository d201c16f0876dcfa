// Everything, for code that uses every service (the EC2 worker, the CLI). Code that needs only some
// services imports their entries (`@wordfreq/adapters-aws/s3`, `/sqs`, `/dynamodb`, `/ses`, and
// `/shared` for configuration), so that it loads only those services' SDK packages.
export * from './shared/index.js';
export * from './s3/index.js';
export * from './sqs/index.js';
export * from './dynamodb/index.js';
export * from './ses/index.js';
export { awsAdapters } from './aws-adapters.module.js';
export { createAwsClients, type AwsClients } from './aws-clients.js';
export { ensureInfrastructure, type Infrastructure, type InfrastructureOptions } from './ensure-infrastructure.js';
