import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { CreateQueueCommand } from '@aws-sdk/client-sqs';
import type { EmulatedAws } from '@wordfreq/local-aws';
import { SampleValues, sampleAccount, sampleRegion } from './sample-values.js';
import { templateOf, type TemplateJson } from './synth.js';

/**
 * Creates a variant's buckets, queues and tables in the emulators under their sample names (what
 * CloudFormation would call them in the sample account); records each queue's emulator URL in
 * `queueUrls`, which the returned sample values resolve queue URLs with.
 */
export async function deployToEmulators(aws: EmulatedAws, name: string, queueUrls: Map<string, string>): Promise<{ json: TemplateJson; samples: SampleValues }> {
  const { json, stackName } = templateOf(name);
  const samples = new SampleValues(json, {
    region: sampleRegion,
    account: sampleAccount,
    stackName,
    queueUrl: (queueName) => {
      const url = queueUrls.get(queueName);
      if (!url) throw new Error(`queue ${queueName} is not in the emulator`);
      return url;
    },
  });
  for (const [id, resource] of Object.entries(json.Resources)) {
    if (resource.Type === 'AWS::S3::Bucket') await aws.clients.s3.send(new CreateBucketCommand({ Bucket: samples.nameOf(id) })).catch(ignoreExisting);
    if (resource.Type === 'AWS::SQS::Queue') {
      const queueName = samples.nameOf(id);
      const out = await aws.clients.sqs.send(new CreateQueueCommand({ QueueName: queueName }));
      queueUrls.set(queueName, out.QueueUrl as string);
    }
    if (resource.Type === 'AWS::DynamoDB::Table') {
      const p = resource.Properties;
      await aws.clients.dynamodb
        .send(
          new CreateTableCommand({
            TableName: p.TableName,
            KeySchema: p.KeySchema,
            AttributeDefinitions: p.AttributeDefinitions,
            BillingMode: p.BillingMode,
            ...(p.StreamSpecification ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } } : {}),
          }),
        )
        .catch(ignoreExisting);
    }
  }
  return { json, samples };
}

function ignoreExisting(error: Error): void {
  if (!/BucketAlreadyOwnedByYou|BucketAlreadyExists|ResourceInUse/.test(error.name)) throw error;
}
