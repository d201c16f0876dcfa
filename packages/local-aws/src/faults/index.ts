export { dynamoDbError, s3Error, sesV2Error, sqsError, type AwsErrorDocument, type FaultKind } from './aws-error-documents.js';
export { startAwsFaultServer, type AwsFaultServer, type FaultRequest } from './aws-fault-server.js';
