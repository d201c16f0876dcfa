// Every variant's template has the resources and settings the issue asks for.
import { siteContentSecurityPolicy, siteSecurityHeaders } from '@wordfreq/mytravel-site/security-headers';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { milestoneSweepMinutes } from '../src/mytravel/mytravel-stack.js';
import { maxReceiveCount } from '../src/wordfreq/wordfreq-stack.js';
import { templateOf } from './support/synth.js';
import { domainContext, variants } from './support/variants.js';

const wordFreqVariants = variants.filter((v) => v.stack === 'WordFreq').map((v) => v.name);
const ec2Variants = wordFreqVariants.filter((name) => name.startsWith('ec2'));
const myTravelVariants = variants.filter((v) => v.stack === 'MyTravel').map((v) => v.name);

const fourteenDays = 14 * 24 * 3600;

function resourcesOf(name: string, type: string) {
  return Object.entries(templateOf(name).json.Resources).filter(([, r]) => r.Type === type);
}

function expectPrivateEncryptedBuckets(name: string, retained: boolean) {
  const buckets = resourcesOf(name, 'AWS::S3::Bucket');
  expect(buckets.length).toBeGreaterThanOrEqual(2);
  for (const [id, bucket] of buckets) {
    expect(bucket.Properties.PublicAccessBlockConfiguration, id).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm, id).toBe('AES256');
    expect(bucket.DeletionPolicy, id).toBe(retained ? 'Retain' : 'Delete');
  }
  const { template } = templateOf(name);
  // TLS only: every bucket's policy denies requests without aws:SecureTransport.
  for (const [id] of buckets) {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  }
}

function expectEncryptedQueuesAndTables(name: string) {
  for (const [id, queue] of resourcesOf(name, 'AWS::SQS::Queue')) expect(queue.Properties.SqsManagedSseEnabled, id).toBe(true);
  for (const [id, table] of resourcesOf(name, 'AWS::DynamoDB::Table')) {
    expect(table.Properties.BillingMode, id).toBe('PAY_PER_REQUEST');
    expect(table.Properties.SSESpecification, id).toEqual({ SSEEnabled: true });
    expect(table.Properties.PointInTimeRecoverySpecification, id).toEqual({ PointInTimeRecoveryEnabled: true });
  }
}

describe.each(wordFreqVariants)('WordFreq %s', (name) => {
  const dev = name.endsWith('-dev');

  it('has a private, TLS-only, encrypted uploads bucket (kept on teardown unless dev)', () => expectPrivateEncryptedBuckets(name, !dev));

  it('sends the uploads bucket\'s ObjectCreated events to the jobs queue, which only that bucket may send to', () => {
    const { template, json } = templateOf(name);
    const jobsId = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::SQS::Queue' && r.Properties.QueueName === 'wordfreq-jobs')?.[0];
    const uploadsId = Object.keys(json.Resources).find((id) => id.startsWith('Uploads') && json.Resources[id]?.Type === 'AWS::S3::Bucket');
    expect(jobsId).toBeDefined();
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: uploadsId },
      NotificationConfiguration: { QueueConfigurations: [{ Events: ['s3:ObjectCreated:*'], QueueArn: { 'Fn::GetAtt': [jobsId, 'Arn'] } }] },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: jobsId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 's3.amazonaws.com' },
            Action: Match.arrayWith(['sqs:SendMessage']),
            Condition: { ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [uploadsId, 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  it('has the jobs queue with its dead-letter queue (5 receives, 14 days), the results queue and table, all encrypted', () => {
    const { template, json } = templateOf(name);
    const dlqId = Object.entries(json.Resources).find(([, r]) => r.Properties?.QueueName === 'wordfreq-jobs-dlq')?.[0];
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'wordfreq-jobs-dlq', MessageRetentionPeriod: fourteenDays });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'wordfreq-jobs',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount },
    });
    expect(maxReceiveCount).toBe(5);
    template.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'wordfreq-results' });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'wordfreq', KeySchema: [{ AttributeName: 'Filename', KeyType: 'HASH' }] });
    expectEncryptedQueuesAndTables(name);
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: dev ? 'Delete' : 'Retain' });
  });

  it('has a dashboard and alarms on dead letters and the oldest job, notifying one SNS topic', () => {
    const { template, json } = templateOf(name);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const topicId = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::SNS::Topic')?.[0];
    const alarms = resourcesOf(name, 'AWS::CloudWatch::Alarm').filter(([, a]) => JSON.stringify(a.Properties.AlarmActions ?? []).includes(topicId as string));
    const metrics = alarms.map(([, a]) => a.Properties.MetricName);
    expect(metrics).toEqual(expect.arrayContaining(['ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']));
    expect(metrics).toContain(name === 'lambda' ? 'Errors' : 'JobErrors');
  });
});

describe.each(ec2Variants)('WordFreq %s: the EC2 runtime', (name) => {
  const spot = name.includes('spot');

  it('runs in a VPC over two AZs with no internet route, reaching AWS through endpoints', () => {
    const { template } = templateOf(name);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.resourceCountIs('AWS::EC2::Subnet', 2);
    const endpoints = resourcesOf(name, 'AWS::EC2::VPCEndpoint').map(([, e]) => JSON.stringify(e.Properties.ServiceName));
    for (const service of ['.s3', '.dynamodb', '.sqs', '.logs', '.autoscaling']) expect(endpoints.some((s) => s.includes(service)), service).toBe(true);
  });

  it('launches workers without public IPs or inbound rules, IMDSv2 only, encrypted disks, Node 24 from the code asset', () => {
    const { template, json } = templateOf(name);
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1, InstanceMetadataTags: 'disabled' },
        NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false })],
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: true, VolumeSize: 8, VolumeType: 'gp3' } }],
        ImageId: Match.objectLike({ Ref: Match.stringLikeRegexp('SsmParameterValue.*al2023') }),
      }),
    });
    const groups = resourcesOf(name, 'AWS::EC2::SecurityGroup');
    const workers = groups.find(([id]) => id.includes('WorkerSecurityGroup'));
    expect(workers?.[1].Properties.SecurityGroupIngress).toBeUndefined();
    expect(resourcesOf(name, 'AWS::EC2::SecurityGroupIngress').every(([, rule]) => rule.Properties.SourceSecurityGroupId !== undefined)).toBe(true);
    const userData = JSON.stringify(Object.values(json.Resources).find((r) => r.Type === 'AWS::EC2::LaunchTemplate')?.Properties.LaunchTemplateData.UserData);
    expect(userData).toContain('dnf install -y nodejs24');
    expect(userData).toContain('aws s3 cp');
    expect(userData).not.toContain('git clone');
    // The machine image is resolved from SSM when deploying: a parameter, no lookup at synth.
    expect(JSON.stringify(templateOf(name).json.Parameters)).toMatch(/"Default":"\/aws\/service\/ami-amazon-linux-latest\/al2023-ami-kernel-[^"]+-arm64"/);
  });

  it(`has an Auto Scaling group of 1 to 3 ${spot ? 'with Spot above one on-demand instance, capacity optimised' : 'on demand'}, and a terminating lifecycle hook`, () => {
    const { template } = templateOf(name);
    const [, group] = resourcesOf(name, 'AWS::AutoScaling::AutoScalingGroup')[0] ?? [];
    expect(group?.Properties).toMatchObject({ MinSize: '1', MaxSize: '3' });
    if (spot) {
      expect(group?.Properties.MixedInstancesPolicy.InstancesDistribution).toEqual({
        OnDemandBaseCapacity: 1,
        OnDemandPercentageAboveBaseCapacity: 0,
        SpotAllocationStrategy: 'capacity-optimized',
      });
      expect(group?.Properties.MixedInstancesPolicy.LaunchTemplate.Overrides.map((o: { InstanceType: string }) => o.InstanceType)).toEqual(['t4g.micro', 't4g.small']);
      expect(group?.Properties.LaunchTemplate).toBeUndefined();
    } else {
      expect(group?.Properties.MixedInstancesPolicy).toBeUndefined();
      expect(group?.Properties.LaunchTemplate).toBeDefined();
    }
    template.hasResourceProperties('AWS::AutoScaling::LifecycleHook', {
      LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING',
      LifecycleHookName: 'wordfreq-drain',
      DefaultResult: 'CONTINUE',
    });
  });
});

describe('WordFreq lambda: the Lambda runtime', () => {
  const name = 'lambda';

  it('runs the jobs bundle on nodejs24.x arm64, fed by the jobs queue with partial batch failures and a maximum concurrency', () => {
    const { template, json } = templateOf(name);
    template.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 0);
    template.resourceCountIs('AWS::EC2::VPC', 0);
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    const jobsId = Object.entries(json.Resources).find(([, r]) => r.Properties?.QueueName === 'wordfreq-jobs')?.[0];
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [jobsId, 'Arn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 20 },
      BatchSize: 10,
    });
  });

  it("keeps the jobs queue's visibility timeout at 6 times the function's timeout or more", () => {
    const { json } = templateOf(name);
    // The jobs function (the corpus functions are nodejs24.x too, and not fed by the queue).
    const fn = Object.entries(json.Resources).find(([id, r]) => r.Type === 'AWS::Lambda::Function' && id.startsWith('JobsFunction'))?.[1];
    expect(fn?.Properties.Runtime).toBe('nodejs24.x');
    const queue = Object.values(json.Resources).find((r) => r.Properties?.QueueName === 'wordfreq-jobs');
    expect(queue?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn?.Properties.Timeout);
  });
});

describe.each(myTravelVariants)('MyTravel %s', (name) => {
  const withDomain = name.includes('domain');
  const dev = name.endsWith('-dev');

  it('has private, encrypted, TLS-only buckets; the backup bucket versioned, moving to Glacier and expiring old versions', () => {
    expectPrivateEncryptedBuckets(name, !dev);
    const { template } = templateOf(name);
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Id: 'wordfreq-glacier-transition', Status: 'Enabled', Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: withDomain ? 7 : 30 }] }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
        ]),
      },
    });
  });

  it('copies uploads with the backup function (ObjectCreated), with an on-failure queue', () => {
    const { template } = templateOf(name);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: { LambdaFunctionConfigurations: [Match.objectLike({ Events: ['s3:ObjectCreated:*'] })] },
    });
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: Match.anyValue() } }, MaximumRetryAttempts: 2 });
  });

  it('has the counters table with a NEW_AND_OLD_IMAGES stream and the claims table; the milestone function on the stream', () => {
    const { template, json } = templateOf(name);
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'wordfreq-visits', StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    template.hasResourceProperties('AWS::DynamoDB::Table', { TableName: 'wordfreq-milestones', KeySchema: [{ AttributeName: 'Threshold', KeyType: 'HASH' }] });
    expectEncryptedQueuesAndTables(name);
    const countersId = Object.entries(json.Resources).find(([, r]) => r.Properties?.TableName === 'wordfreq-visits')?.[0];
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [countersId, 'StreamArn'] },
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      StartingPosition: 'TRIM_HORIZON',
    });
    for (const [, fn] of resourcesOf(name, 'AWS::Lambda::Function').filter(([id]) => /(Backup|Visit|Milestone|Posts)Function/.test(id))) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    }
  });

  it('serves the visit function through a throttled, access-logged HTTP API, and has the SES sender identity', () => {
    const { template } = templateOf(name);
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /visits/{page}' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'api',
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
    });
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'hello@mytravel.example' });
  });

  it('sweeps unsent milestone claims on a schedule, with an event without Records', () => {
    const { template, json } = templateOf(name);
    const [milestoneId] = resourcesOf(name, 'AWS::Lambda::Function').find(([id]) => id.startsWith('MilestoneFunction')) ?? [];
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: `rate(${milestoneSweepMinutes} minutes)`,
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [milestoneId, 'Arn'] } })],
    });
    const [, rule] = resourcesOf(name, 'AWS::Events::Rule')[0] ?? [];
    expect(JSON.parse(rule?.Properties.Targets[0].Input)).not.toHaveProperty('Records');
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [milestoneId, 'Arn'] }, Principal: 'events.amazonaws.com' });
  });

  it("serves the forum's posts function through the same HTTP API, and lets browsers POST photos to the primary bucket from the site", () => {
    const { template, json } = templateOf(name);
    const [postsId, posts] = resourcesOf(name, 'AWS::Lambda::Function').find(([id]) => id.startsWith('PostsFunction')) ?? [];
    expect(posts?.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    for (const key of ['GET /posts', 'POST /posts', 'OPTIONS /posts', 'GET /posts/{id}', 'OPTIONS /posts/{id}']) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key });
    }
    const routes = resourcesOf(name, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties.RouteKey as string);
    expect(routes.filter((key) => key.includes('/posts')).sort()).toEqual(['GET /posts', 'GET /posts/{id}', 'OPTIONS /posts', 'OPTIONS /posts/{id}', 'POST /posts']);
    template.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { 'Fn::GetAtt': [postsId, 'Arn'] }, Principal: 'apigateway.amazonaws.com' });
    const [primaryId, primary] = resourcesOf(name, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Primary')) ?? [];
    expect(posts?.Properties.Environment.Variables.WORDFREQ_BUCKET).toEqual({ Ref: primaryId });
    const origin = withDomain ? `https://${domainContext.domainName}` : 'https://*.cloudfront.net';
    expect(primary?.Properties.CorsConfiguration).toEqual({ CorsRules: [{ AllowedOrigins: [origin], AllowedMethods: ['POST'], AllowedHeaders: ['*'], MaxAge: 600 }] });
    if (withDomain) expect(posts?.Properties.Environment.Variables.WORDFREQ_SITE_ORIGIN).toBe(origin);
    else expect(JSON.stringify(posts?.Properties.Environment.Variables.WORDFREQ_SITE_ORIGIN)).toContain('DomainName');
  });

  it('puts CloudFront over the primary bucket (origin access control), HTTPS, security headers, /api/* (visits and posts) to the API, logs', () => {
    const { template } = templateOf(name);
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', ResponseHeadersPolicyId: Match.anyValue() }),
        CacheBehaviors: [Match.objectLike({ PathPattern: '/api/*', ViewerProtocolPolicy: 'https-only', AllowedMethods: Match.arrayWith(['GET', 'POST']) })],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
      }),
    });
  });

  it('alarms, to one topic, on function errors, failed mails, sweep errors, skipped stream records and failed events', () => {
    const { json } = templateOf(name);
    const topicId = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::SNS::Topic')?.[0];
    const alarms = resourcesOf(name, 'AWS::CloudWatch::Alarm');
    for (const [, alarm] of alarms) expect(JSON.stringify(alarm.Properties.AlarmActions)).toContain(topicId);
    const metrics = alarms.map(([, a]) => a.Properties.MetricName);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(4);
    expect(metrics).toEqual(expect.arrayContaining(['MilestoneErrors', 'MilestoneSweepErrors', 'StreamRecordsSkipped', 'ApproximateNumberOfMessagesVisible']));
  });

  it("sends the pages with the site's own content security policy and security headers, uploads allowed to the primary bucket only", () => {
    const { json } = templateOf(name);
    const policies = Object.values(json.Resources).filter((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(policies).toHaveLength(1);
    const headers = policies[0]!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const primaryId = resourcesOf(name, 'AWS::S3::Bucket').find(([id]) => id.includes('Primary'))?.[0];
    const csp = headers.ContentSecurityPolicy.ContentSecurityPolicy;
    expect(JSON.stringify(csp)).toContain(`"${primaryId}","RegionalDomainName"`);
    // The policy is a Fn::Join of the literal text and the bucket's regional domain name.
    const [, parts] = csp['Fn::Join'] as [string, (string | object)[]];
    const rendered = parts.map((part) => (typeof part === 'string' ? part : 'bucket.example')).join('');
    expect(rendered).toBe(siteContentSecurityPolicy({ uploadOrigin: 'https://bucket.example' }));
    expect(headers).toMatchObject({
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: siteSecurityHeaders['x-frame-options'], Override: true },
      ReferrerPolicy: { ReferrerPolicy: siteSecurityHeaders['referrer-policy'], Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
    });
    expect(siteSecurityHeaders['x-content-type-options']).toBe('nosniff');
    const distribution = Object.values(json.Resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    const policyId = Object.entries(json.Resources).find(([, r]) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')?.[0];
    expect(distribution?.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
  });

  it(withDomain ? 'has the certificate, checked to be in us-east-1, and alias records in the given zone' : 'has no certificate or records without a domain', () => {
    const { template, json } = templateOf(name);
    if (!withDomain) {
      template.resourceCountIs('AWS::CertificateManager::Certificate', 0);
      template.resourceCountIs('AWS::Route53::RecordSet', 0);
      return;
    }
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: domainContext.domainName,
      DomainValidationOptions: [{ DomainName: domainContext.domainName, HostedZoneId: domainContext.hostedZoneId }],
    });
    for (const type of ['A', 'AAAA']) {
      template.hasResourceProperties('AWS::Route53::RecordSet', { Type: type, HostedZoneId: domainContext.hostedZoneId, Name: `${domainContext.domainName}.`, AliasTarget: Match.anyValue() });
    }
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Aliases: [domainContext.domainName], ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.2_2021' }) }),
    });
    expect(JSON.stringify(json.Rules)).toContain('us-east-1');
    // The site's files are uploaded without deleting the forum's uploads from the same bucket.
    template.hasResourceProperties('Custom::CDKBucketDeployment', { Prune: false });
  });
});
