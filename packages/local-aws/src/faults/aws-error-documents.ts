/**
 * Error answers as AWS services send them on the wire, so a test's SDK client parses them with its
 * own protocol code (no hand-built error objects). Each is what the service's protocol documents:
 * - SQS, JSON protocol (what SDK v3 speaks): `x-amz-json-1.0` body with `__type`, plus the
 *   `x-amzn-query-error: <code>;<Sender|Receiver>` header that carries the query-compatible code;
 * - DynamoDB, JSON 1.0: `__type` of `<namespace>#<ErrorName>` and `message`;
 * - SES v2, REST-JSON: the error name in the `x-amzn-ErrorType` header, `message` in the body;
 * - S3, REST-XML: an `<Error>` document with `Code` and `Message`.
 */
export interface AwsErrorDocument {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The error name the SDK should report (its `name`), for assertions. */
  readonly name: string;
}

export type FaultKind = 'throttling' | 'server-error';

const json10 = 'application/x-amz-json-1.0';

/** SQS, JSON protocol: 400 ThrottlingException (a common error of every AWS API), or 503 ServiceUnavailable. */
export function sqsError(kind: FaultKind): AwsErrorDocument {
  if (kind === 'throttling') {
    return {
      status: 400,
      headers: { 'content-type': json10, 'x-amzn-query-error': 'ThrottlingException;Sender' },
      body: JSON.stringify({ __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }),
      name: 'ThrottlingException',
    };
  }
  return {
    status: 503,
    headers: { 'content-type': json10, 'x-amzn-query-error': 'ServiceUnavailable;Receiver' },
    body: JSON.stringify({ __type: 'com.amazon.coral.availability#ServiceUnavailableException', message: 'Service is unavailable' }),
    name: 'ServiceUnavailable',
  };
}

/** DynamoDB: a throughput error (400 ProvisionedThroughputExceededException) or 500 InternalServerError. */
export function dynamoDbError(kind: FaultKind | 'throughput'): AwsErrorDocument {
  const [status, type, name, message] =
    kind === 'throughput'
      ? [400, 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded.']
      : kind === 'throttling'
        ? [400, 'com.amazon.coral.availability#ThrottlingException', 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.']
        : [500, 'com.amazon.coral.service#InternalServerError', 'InternalServerError', 'Internal server error'];
  return { status, headers: { 'content-type': json10 }, body: JSON.stringify({ __type: type, message }), name };
}

/** SES v2: 429 TooManyRequestsException, or 503 ServiceUnavailable, as its REST-JSON protocol sends them. */
export function sesV2Error(kind: FaultKind): AwsErrorDocument {
  const [status, name, message] = kind === 'throttling' ? [429, 'TooManyRequestsException', 'Too many requests.'] : [503, 'ServiceUnavailable', 'Service unavailable.'];
  return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': `${name}:http://internal.amazon.com/coral/com.amazonaws.sesv2/` }, body: JSON.stringify({ message }), name };
}

/** S3: 503 SlowDown, or 500 InternalError, as REST-XML. */
export function s3Error(kind: FaultKind): AwsErrorDocument {
  const [status, name, message] = kind === 'throttling' ? [503, 'SlowDown', 'Please reduce your request rate.'] : [500, 'InternalError', 'We encountered an internal error. Please try again.'];
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${name}</Code><Message>${message}</Message><RequestId>FAULT</RequestId></Error>`,
    name,
  };
}
