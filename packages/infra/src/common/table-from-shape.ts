import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { resultsTableShape } from '@wordfreq/adapters-aws';
import type { Construct } from 'constructs';
import { dataRemovalPolicy } from './data-retention.js';

/** The adapters' description of a table (`resultsTableShape`, `countersTableShape`, ...). */
export type TableShape = typeof resultsTableShape;

/**
 * A table with exactly the key, billing and stream the adapters' layout says (one source of truth,
 * `dynamo-table-layout.ts` in adapters-aws), plus what a deployment adds: point-in-time recovery, SSE
 * with the AWS managed key, deletion protection and retention unless dev.
 */
export function tableFromShape(scope: Construct, id: string, shape: TableShape, props: { tableName: string; dev: boolean }): dynamodb.Table {
  const hash = shape.KeySchema?.find((key) => key.KeyType === 'HASH');
  const type = shape.AttributeDefinitions?.find((attribute) => attribute.AttributeName === hash?.AttributeName)?.AttributeType;
  if (hash?.AttributeName === undefined || type === undefined) throw new Error(`table ${props.tableName}: its shape has no partition key with a type`);
  if (shape.KeySchema?.length !== 1) throw new Error(`table ${props.tableName}: only partition-key tables are supported, its shape has ${shape.KeySchema?.length} keys`);
  if (shape.BillingMode !== 'PAY_PER_REQUEST') throw new Error(`table ${props.tableName}: expected on-demand billing in its shape, got ${shape.BillingMode}`);
  const stream = shape.StreamSpecification?.StreamEnabled ? streamView(shape.StreamSpecification.StreamViewType, props.tableName) : undefined;
  return new dynamodb.Table(scope, id, {
    tableName: props.tableName,
    partitionKey: { name: hash.AttributeName, type: attributeType(type) },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    deletionProtection: !props.dev,
    ...(stream ? { stream } : {}),
    removalPolicy: dataRemovalPolicy(props.dev),
  });
}

function attributeType(type: string): dynamodb.AttributeType {
  switch (type) {
    case 'S':
      return dynamodb.AttributeType.STRING;
    case 'N':
      return dynamodb.AttributeType.NUMBER;
    case 'B':
      return dynamodb.AttributeType.BINARY;
    default:
      throw new Error(`unknown DynamoDB attribute type ${type}`);
  }
}

function streamView(view: string | undefined, tableName: string): dynamodb.StreamViewType {
  const known = Object.values(dynamodb.StreamViewType) as string[];
  if (view === undefined || !known.includes(view)) throw new Error(`table ${tableName}: unknown stream view type ${view}`);
  return view as dynamodb.StreamViewType;
}
