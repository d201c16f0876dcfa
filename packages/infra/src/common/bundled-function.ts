import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lambdaBundleDir, type LambdaName } from './bundle-paths.js';
import { dataRemovalPolicy } from './data-retention.js';

/** The runtime the bundles are built for (Node.js 24 LTS) and the cheaper, faster Graviton architecture. */
export const functionRuntime = lambda.Runtime.NODEJS_24_X;
export const functionArchitecture = lambda.Architecture.ARM_64;

export interface BundledFunctionProps {
  readonly name: LambdaName;
  readonly environment: Record<string, string>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly logRetention: logs.RetentionDays;
  readonly dev: boolean;
  readonly description: string;
  readonly reservedConcurrency?: number;
}

/**
 * One of runtime-lambda's functions from its prebuilt bundle (no Docker, no bundling at synth),
 * with its own role holding only what is added to it: no managed policy, so the test of least
 * privilege sees every statement. The role's one built-in statement lets the function write its own
 * log group (what AWSLambdaBasicExecutionRole grants, narrowed to that group).
 */
export class BundledFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: dataRemovalPolicy(props.dev) });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `the wordfreq ${props.name} function (${Stack.of(this).stackName})`,
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );
    this.function = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: functionRuntime,
      architecture: functionArchitecture,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(lambdaBundleDir(props.name)),
      role: this.role,
      timeout: props.timeout,
      memorySize: props.memorySize,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
      ...(props.reservedConcurrency === undefined ? {} : { reservedConcurrentExecutions: props.reservedConcurrency }),
    });
  }

  /** Adds a statement to the function's role (and nothing else: no grant helper's extra actions). */
  allow(actions: string[], resources: string[]): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
  }
}
