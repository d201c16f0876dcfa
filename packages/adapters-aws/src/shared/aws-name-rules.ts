const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const queueName = /^[A-Za-z0-9_-]{1,80}(\.fifo)?$/;
const queueUrl = /^https?:\/\/[^\s/]+\/[^\s/]+\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

// What AWS accepts for each kind of name, and how to say it: checked when configuration is read, so
// the problem names the variable instead of surfacing as a 400 on the first request.
const rules = {
  region: { accepts: (v: string) => /^[a-z]{2}(-[a-z]+)+-\d+$/.test(v), expected: 'a region name like us-east-1' },
  bucket: {
    accepts: (v: string) => bucketName.test(v) && !v.includes('..'),
    expected: 'an S3 bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)',
  },
  queue: {
    accepts: (v: string) => queueName.test(v) || queueUrl.test(v),
    expected: 'an SQS queue name (1-80 of A-Z a-z 0-9 _ -, optional .fifo) or queue URL',
  },
  table: { accepts: (v: string) => /^[A-Za-z0-9_.-]{3,255}$/.test(v), expected: 'a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)' },
} as const;

export type AwsNameKind = keyof typeof rules;

/** `must be <what AWS accepts>, got '<value>'` when AWS would refuse `value` as a `kind` name; else undefined. */
export function awsNameProblem(kind: AwsNameKind, value: string): string | undefined {
  const rule = rules[kind];
  return rule.accepts(value) ? undefined : `must be ${rule.expected}, got '${value}'`;
}
