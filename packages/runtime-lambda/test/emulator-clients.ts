import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AwsClients } from '@wordfreq/adapters-aws';
import { emulatorCredentials, emulatorRegion, type EmulatedAws } from '@wordfreq/local-aws';

/**
 * The emulators' SDK clients for the services that were started; the adapters make their own (unused,
 * never connected) for the rest. The emulator kit's clients throw when a stopped service's is touched.
 */
export function startedClients(aws: EmulatedAws): Partial<AwsClients> {
  const clients: { -readonly [K in keyof AwsClients]?: AwsClients[K] } = {};
  if (aws.services.includes('s3')) clients.s3 = aws.clients.s3;
  if (aws.services.includes('sqs')) clients.sqs = aws.clients.sqs;
  if (aws.services.includes('dynamodb')) clients.dynamodb = aws.clients.dynamodb;
  if (aws.services.includes('ses')) clients.ses = aws.clients.ses;
  return clients;
}

/**
 * A DynamoDB client for hundreds of calls at once against DynamoDB Local. On AWS each concurrent
 * Lambda invocation has its own execution environment and client; here one client carries them all to
 * one JVM on a shared 2-core machine, whose accept queue can take longer than the kit's 3 s connection
 * timeout. Waiting longer changes nothing the tests check: every call must still succeed.
 */
export function patientDynamoDbClient(aws: EmulatedAws): DynamoDBClient {
  const endpoint = aws.endpoints.dynamodb;
  if (endpoint === undefined) throw new Error('start the dynamodb emulator first');
  return new DynamoDBClient({
    region: emulatorRegion,
    credentials: emulatorCredentials,
    endpoint,
    maxAttempts: 5,
    requestHandler: { connectionTimeout: 20_000, requestTimeout: 30_000 },
  });
}
