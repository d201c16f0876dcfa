import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { StepScalingPolicy, TargetTrackingPolicy } from '@wordfreq/core';
import { Construct } from 'constructs';
import { workerAssetDir } from '../common/bundle-paths.js';
import { dataRemovalPolicy } from '../common/data-retention.js';
import { BacklogTargetTracking, StepQueueScaling } from './queue-scaling.js';
import { workerUserData } from './worker-user-data.js';

export interface WorkerFleetProps {
  readonly uploads: s3.IBucket;
  readonly jobs: sqs.IQueue;
  readonly deadLetters: sqs.IQueue;
  readonly results: sqs.IQueue;
  readonly table: dynamodb.ITable;
  readonly logBucket: s3.IBucket;
  readonly notifications: sns.ITopic;
  readonly minInstances: number;
  readonly maxInstances: number;
  readonly instanceTypes: readonly string[];
  readonly spot: boolean;
  readonly policy: StepScalingPolicy | TargetTrackingPolicy;
  /** The worker's own settings (WORKER_COUNT, WORKER_JOB_DELAY_SECONDS, ...), beside the resource names. */
  readonly workerSettings: Readonly<Record<string, string>>;
  readonly visibilitySeconds: number;
  readonly graceSeconds: number;
  readonly logRetention: logs.RetentionDays;
  readonly dev: boolean;
}

/** Where the drain watcher completes the terminating hook; the name is needed before the group exists. */
const lifecycleHookName = 'wordfreq-drain';
const healthPort = 8080;

/**
 * The EC2 runtime: a VPC over two AZs with no internet route at all (workers have no public IP and
 * no inbound rule), VPC endpoints to what the worker calls, a launch template and an Auto Scaling
 * group scaled by the core's policy on the jobs queue's depth.
 */
export class WorkerFleet extends Construct {
  readonly vpc: ec2.Vpc;
  readonly group: autoscaling.AutoScalingGroup;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly scaling: StepQueueScaling | BacklogTargetTracking;
  readonly spot: boolean;

  constructor(scope: Construct, id: string, props: WorkerFleetProps) {
    super(scope, id);
    this.spot = props.spot;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'workers', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 }],
      flowLogs: { toLogBucket: { destination: ec2.FlowLogDestination.toS3(props.logBucket, 'vpc-flow-logs/'), trafficType: ec2.FlowLogTrafficType.REJECT } },
    });
    // Gateway endpoints are free: S3 (the uploads, the code asset, the Amazon Linux package
    // repositories) and DynamoDB. SQS, CloudWatch Logs and Auto Scaling have only interface endpoints
    // (billed per AZ-hour: about what one NAT gateway costs, see the README), chosen over NAT so the
    // subnets need no route to the internet at all.
    // The interface endpoints are added below, once the workers' security group exists.
    this.vpc.addGatewayEndpoint('S3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    this.vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });

    this.logGroup = new logs.LogGroup(this, 'WorkerLogs', { retention: props.logRetention, removalPolicy: dataRemovalPolicy(props.dev) });
    const code = new s3assets.Asset(this, 'WorkerCode', { path: workerAssetDir() });

    this.role = new iam.Role(this, 'InstanceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: 'wordfreq EC2 worker: the jobs it counts, the results it writes, its logs',
    });
    const allow = (actions: string[], resources: string[]) => this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources }));
    // The worker (runtime-ec2 through the AWS adapters); test/least-privilege.test.ts records its calls.
    allow(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'], [props.jobs.queueArn]);
    allow(['sqs:SendMessage'], [props.results.queueArn, props.deadLetters.queueArn]);
    allow(['s3:GetObject'], [props.uploads.arnForObjects('*')]);
    allow(['s3:ListBucket'], [props.uploads.bucketArn]);
    // The publish outbox: UpdateItem marks a result published; Scan finds results still unpublished.
    allow(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Scan'], [props.table.tableArn]);
    // The user data: the code asset, and the drain watcher completing the terminating hook.
    allow(['s3:GetObject'], [code.bucket.arnForObjects(code.s3ObjectKey)]);
    const groupName = `${Stack.of(this).stackName}-workers`;
    allow(['autoscaling:CompleteLifecycleAction'], [
      // A group's ARN holds a random id, so only its name can be fixed here.
      `arn:${Aws.PARTITION}:autoscaling:${Aws.REGION}:${Aws.ACCOUNT_ID}:autoScalingGroup:*:autoScalingGroupName/${groupName}`,
    ]);
    // The CloudWatch agent shipping the worker's log file (and so its EMF metrics).
    allow(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], [this.logGroup.logGroupArn]);

    const securityGroup = new ec2.SecurityGroup(this, 'WorkerSecurityGroup', {
      vpc: this.vpc,
      description: 'wordfreq workers: no inbound; outbound HTTPS only (VPC endpoints)',
      allowAllOutbound: false,
    });
    // The interface endpoints accept HTTPS from the workers only (not from the whole VPC).
    const endpointSecurityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
      vpc: this.vpc,
      description: 'wordfreq VPC interface endpoints: HTTPS from the workers',
      allowAllOutbound: false,
    });
    endpointSecurityGroup.addIngressRule(securityGroup, ec2.Port.tcp(443), 'the workers');
    const endpoint = (name: string, service: ec2.InterfaceVpcEndpointAwsService) =>
      this.vpc.addInterfaceEndpoint(name, { service, privateDnsEnabled: true, open: false, securityGroups: [endpointSecurityGroup] });
    endpoint('Sqs', ec2.InterfaceVpcEndpointAwsService.SQS);
    endpoint('Logs', ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS);
    // The drain watcher's CompleteLifecycleAction.
    endpoint('AutoScaling', ec2.InterfaceVpcEndpointAwsService.AUTOSCALING);
    // Any address, because the gateway endpoints' prefix lists differ per region (a lookup at synth);
    // the subnets have no route to the internet, so HTTPS reaches only the endpoints.
    securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to the VPC endpoints only: the subnets have no internet route');

    const env: Record<string, string> = {
      AWS_REGION: Aws.REGION,
      WORKER_QUEUE_URL: props.jobs.queueUrl,
      WORKER_RESULT_QUEUE_URL: props.results.queueUrl,
      WORKER_DEAD_LETTER_QUEUE_URL: props.deadLetters.queueUrl,
      // The worker dead-letters jobs naming any other bucket (its default is the adapters' bucket name).
      WORKER_ALLOWED_BUCKETS: props.uploads.bucketName,
      WORKER_RESULT_TABLENAME: props.table.tableName,
      WORKER_MESSAGE_VISIBILITY: String(props.visibilitySeconds),
      WORKER_GRACE_SECONDS: String(props.graceSeconds),
      ...props.workerSettings,
    };
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      ...workerUserData({
        env,
        assetUrl: code.s3ObjectUrl,
        region: Aws.REGION,
        logGroupName: this.logGroup.logGroupName,
        lifecycleHookName,
        autoScalingGroupName: groupName,
        healthPort,
      }),
    );

    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      // Resolved at deploy time from the public SSM parameter: no lookup at synth.
      machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: cpuTypeOf(props.instanceTypes[0] as string) }),
      instanceType: new ec2.InstanceType(props.instanceTypes[0] as string),
      role: this.role,
      userData,
      securityGroup,
      requireImdsv2: true,
      httpPutResponseHopLimit: 1,
      instanceMetadataTags: false,
      associatePublicIpAddress: false,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    });

    this.group = new autoscaling.AutoScalingGroup(this, 'Workers', {
      autoScalingGroupName: groupName,
      vpc: this.vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      minCapacity: props.minInstances,
      maxCapacity: props.maxInstances,
      ...(props.spot
        ? {
            mixedInstancesPolicy: {
              launchTemplate,
              launchTemplateOverrides: props.instanceTypes.map((type) => ({ instanceType: new ec2.InstanceType(type) })),
              instancesDistribution: {
                onDemandBaseCapacity: 1,
                onDemandPercentageAboveBaseCapacity: 0,
                spotAllocationStrategy: autoscaling.SpotAllocationStrategy.CAPACITY_OPTIMIZED,
              },
            },
            capacityRebalance: true,
          }
        : { launchTemplate }),
      groupMetrics: [new autoscaling.GroupMetrics(autoscaling.GroupMetric.IN_SERVICE_INSTANCES, autoscaling.GroupMetric.DESIRED_CAPACITY)],
      notifications: [{ topic: props.notifications }],
      healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.minutes(5) }),
    });
    // Scale-in waits for the drain: the instance stays in Terminating:Wait until the watcher has
    // stopped the worker and completes the hook, or the heartbeat runs out (then it continues anyway).
    this.group.addLifecycleHook('Drain', {
      lifecycleHookName,
      lifecycleTransition: autoscaling.LifecycleTransition.INSTANCE_TERMINATING,
      heartbeatTimeout: Duration.seconds(props.graceSeconds + 120),
      defaultResult: autoscaling.DefaultResult.CONTINUE,
    });

    this.scaling =
      props.policy.kind === 'step'
        ? new StepQueueScaling(this, 'StepScaling', { group: this.group, queue: props.jobs, policy: props.policy })
        : new BacklogTargetTracking(this, 'TargetTracking', { group: this.group, queue: props.jobs, policy: props.policy });
  }
}

/** Graviton types (t4g, m7g, ...) need the arm64 image. */
function cpuTypeOf(instanceType: string): ec2.AmazonLinuxCpuType {
  return /^[a-z]+\d+g[a-z]*\./.test(instanceType) ? ec2.AmazonLinuxCpuType.ARM_64 : ec2.AmazonLinuxCpuType.X86_64;
}
