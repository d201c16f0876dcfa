import type { RecordedCall } from './recording-clients.js';

/** An IAM action on one resource ARN (what a policy must allow for a call to succeed). */
export interface Needed {
  readonly action: string;
  readonly resource: string;
  readonly why: string;
}

export interface ArnsOf {
  queueByUrl(url: string): string;
  bucket(name: string): string;
  table(name: string): string;
  sesIdentity(address: string): string;
}

const sqsActions: Readonly<Record<string, string>> = {
  ReceiveMessageCommand: 'sqs:ReceiveMessage',
  DeleteMessageCommand: 'sqs:DeleteMessage',
  DeleteMessageBatchCommand: 'sqs:DeleteMessage',
  ChangeMessageVisibilityCommand: 'sqs:ChangeMessageVisibility',
  ChangeMessageVisibilityBatchCommand: 'sqs:ChangeMessageVisibility',
  SendMessageCommand: 'sqs:SendMessage',
  SendMessageBatchCommand: 'sqs:SendMessage',
  GetQueueAttributesCommand: 'sqs:GetQueueAttributes',
};

const dynamoActions: Readonly<Record<string, string>> = {
  PutItemCommand: 'dynamodb:PutItem',
  PutCommand: 'dynamodb:PutItem',
  GetItemCommand: 'dynamodb:GetItem',
  GetCommand: 'dynamodb:GetItem',
  UpdateItemCommand: 'dynamodb:UpdateItem',
  UpdateCommand: 'dynamodb:UpdateItem',
  ScanCommand: 'dynamodb:Scan',
};

const transactActions: Readonly<Record<string, string>> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

/**
 * The IAM actions a recorded SDK call needs, by AWS's service authorization reference: HeadObject
 * and GetObject are s3:GetObject; CopyObject reads the source and writes the target; a 404 from S3
 * (rather than a 403) needs s3:ListBucket on the bucket, which the code relies on to tell a missing
 * object (a NOT_FOUND result) from a denied one. Throws on a command it has no mapping for, so a new
 * call in the adapters fails this test until someone decides its permission.
 */
export function neededFor(call: RecordedCall, arns: ArnsOf): Needed[] {
  const why = `${call.service} ${call.command}`;
  const object = (bucket: string, key: string) => `${arns.bucket(bucket)}/${key}`;
  switch (call.service) {
    case 's3': {
      const { Bucket, Key } = call.input as { Bucket: string; Key: string };
      const listIfMissing = call.notFound ? [{ action: 's3:ListBucket', resource: arns.bucket(Bucket), why: `${why} answered 404 (not 403)` }] : [];
      if (call.command === 'HeadObjectCommand' || call.command === 'GetObjectCommand') return [{ action: 's3:GetObject', resource: object(Bucket, Key), why }, ...listIfMissing];
      if (call.command === 'ListObjectsV2Command') return [{ action: 's3:ListBucket', resource: arns.bucket(Bucket), why }];
      if (call.command === 'PutObjectCommand') return [{ action: 's3:PutObject', resource: object(Bucket, Key), why }];
      if (call.command === 'CopyObjectCommand') {
        const source = decodeURIComponent(String(call.input.CopySource)).replace(/^\//, '');
        const slash = source.indexOf('/');
        return [
          { action: 's3:GetObject', resource: object(source.slice(0, slash), source.slice(slash + 1)), why },
          { action: 's3:PutObject', resource: object(Bucket, Key), why },
        ];
      }
      break;
    }
    case 'sqs': {
      const action = sqsActions[call.command];
      if (action) return [{ action, resource: arns.queueByUrl(String(call.input.QueueUrl)), why }];
      break;
    }
    case 'dynamodb': {
      const action = dynamoActions[call.command];
      if (action) return [{ action, resource: arns.table(String(call.input.TableName)), why }];
      // A transaction has no action of its own: each of its items needs its operation's action on its
      // table (DynamoDB developer guide, "Using IAM with DynamoDB transactions").
      if (call.command === 'TransactWriteItemsCommand') {
        const items = (call.input.TransactItems ?? []) as Record<string, { TableName: string } | undefined>[];
        return items.flatMap((item) =>
          Object.entries(transactActions).flatMap(([operation, itemAction]) => {
            const request = item[operation];
            return request ? [{ action: itemAction, resource: arns.table(request.TableName), why: `${why} (${operation})` }] : [];
          }),
        );
      }
      break;
    }
    case 'ses':
      if (call.command === 'SendEmailCommand') return [{ action: 'ses:SendEmail', resource: arns.sesIdentity(String(call.input.FromEmailAddress)), why }];
      break;
  }
  throw new Error(`no IAM mapping for ${why}: add it to test/support/iam-actions.ts`);
}

export interface GrantedStatement {
  readonly actions: readonly string[];
  readonly resources: readonly string[];
}

/** Whether an IAM resource pattern (`*` and `?` wildcards) covers an ARN. */
export function covers(pattern: string, arn: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.split('?').map(escape).join('.')).join('.*')}$`);
  return regex.test(arn);
}

const escape = (text: string) => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');
