import { Aws, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as ses from 'aws-cdk-lib/aws-ses';
import { claimsTableShape, countersTableShape, glacierRuleId } from '@wordfreq/adapters-aws';
import { defaultResourceNames } from '@wordfreq/core';
import type { Construct } from 'constructs';
import { AlarmTopic, emfMetric } from '../common/alarm-topic.js';
import { BundledFunction } from '../common/bundled-function.js';
import { deadLetterRetention, encryptedQueue } from '../common/encrypted-queue.js';
import { failureQueueForInvocations, failureQueueForMapping } from '../common/queue-destinations.js';
import { logBucket, secureBucket } from '../common/secure-bucket.js';
import { tableFromShape } from '../common/table-from-shape.js';
import { SiteDistribution, type SiteDomain } from './site-distribution.js';
import { VisitApi } from './visit-api.js';

export interface MyTravelStackProps extends StackProps {
  /** The congratulation mail's sender: an address SES verifies (the stack creates its identity). */
  readonly mailFrom: string;
  /** Its recipients. */
  readonly mailTo: readonly string[];
  /** Site-total thresholds that send the mail (default one million). */
  readonly milestones?: readonly number[];
  /** Named in the mail (default MyTravel). */
  readonly siteName?: string;
  /** Backups move to Glacier after this many days (default 30). */
  readonly glacierAfterDays?: number;
  /** Overwritten or deleted backup versions are deleted after this many days (default 90). */
  readonly noncurrentVersionDays?: number;
  /** The visit API's throttle: steady requests per second and burst (default 50 and 100). */
  readonly visitRateLimit?: number;
  readonly visitBurstLimit?: number;
  /** Serve the site under this domain (a certificate and alias records; deploy to us-east-1 then). */
  readonly domain?: SiteDomain;
  /** A local folder of built pages uploaded to the primary bucket on deploy. */
  readonly siteDirectory?: string;
  readonly alarmEmail?: string;
  readonly logRetention?: logs.RetentionDays;
  /** Development deployment: buckets, tables and logs are deleted with the stack (default false: kept). */
  readonly dev?: boolean;
}

/** The milestone mapping gives up on a batch after this many retries (then the failure queue has it). */
export const milestoneRetryAttempts = 5;

/** How often the milestone function sweeps for unsent claims without a stream event. */
export const milestoneSweepMinutes = 5;

/** Where the forum keeps its posts in the primary bucket (runtime-lambda's posts handler: posts/<id>/...). */
export const postsPrefix = 'posts/';

/**
 * MyTravel: primary bucket (site origin and uploads) copied to a versioned backup bucket that moves to
 * Glacier; visits counted through an HTTP API into the counters table, whose stream feeds the
 * milestone function that mails once through SES; CloudFront in front; a dashboard and alarms.
 */
export class MyTravelStack extends Stack {
  readonly primary: s3.Bucket;
  readonly backup: s3.Bucket;
  readonly functions: { readonly backup: BundledFunction; readonly visit: BundledFunction; readonly milestone: BundledFunction; readonly posts: BundledFunction };
  readonly site: SiteDistribution;
  readonly alarms: AlarmTopic;

  constructor(scope: Construct, id: string, props: MyTravelStackProps) {
    super(scope, id, props);
    const dev = props.dev ?? false;
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_MONTH;
    const names = defaultResourceNames;
    const logs_ = logBucket(this, 'Logs', { dev, retentionDays: 90, cloudFront: true });

    // Browsers upload a post's photo straight to the bucket with a presigned POST, from the site's
    // origin. Without a domain that origin is the distribution's name, which the bucket cannot name
    // (the distribution already depends on the bucket), so any CloudFront name is allowed: CORS only
    // decides which pages may read S3's answer; what may be written is fixed by the signed policy.
    const siteOrigin = props.domain ? `https://${props.domain.domainName}` : undefined;
    this.primary = secureBucket(this, 'Primary', {
      dev,
      accessLogs: { bucket: logs_, prefix: 'primary' },
      cors: [{ allowedOrigins: [siteOrigin ?? 'https://*.cloudfront.net'], allowedMethods: [s3.HttpMethods.POST], allowedHeaders: ['*'], maxAge: 600 }],
    });
    this.backup = secureBucket(this, 'Backup', {
      dev,
      versioned: true,
      accessLogs: { bucket: logs_, prefix: 'backup' },
      lifecycleRules: [
        // The AWS adapters' rule id: S3ObjectStore.applyGlacierLifecycle replaces this rule, not adds one.
        { id: glacierRuleId, transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.glacierAfterDays ?? 30) }] },
        { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays ?? 90), expiredObjectDeleteMarker: true },
      ],
    });
    const counters = tableFromShape(this, 'Counters', countersTableShape, { tableName: names.countersTable, dev });
    const claims = tableFromShape(this, 'Claims', claimsTableShape, { tableName: names.claimsTable, dev });
    const backupFailures = encryptedQueue(this, 'BackupFailures', { dev, retentionPeriod: deadLetterRetention });
    const milestoneFailures = encryptedQueue(this, 'MilestoneFailures', { dev, retentionPeriod: deadLetterRetention });

    const common = { logRetention, dev, memorySize: 512 };
    const backupFn = new BundledFunction(this, 'BackupFunction', {
      ...common,
      name: 'backup',
      description: 'MyTravel: copies each upload of the primary bucket to the backup bucket',
      timeout: Duration.minutes(5),
      environment: { WORDFREQ_BACKUP_BUCKET: this.backup.bucketName },
    });
    backupFn.allow(['s3:GetObject'], [this.primary.arnForObjects('*'), this.backup.arnForObjects('*')]);
    backupFn.allow(['s3:PutObject'], [this.backup.arnForObjects('*')]);
    backupFn.allow(['s3:ListBucket'], [this.primary.bucketArn, this.backup.bucketArn]);
    // Lambda delivers an event that failed every retry to this queue with the function's role.
    backupFn.allow(['sqs:SendMessage'], [backupFailures.queueArn]);
    backupFn.function.configureAsyncInvoke({ onFailure: failureQueueForInvocations(backupFailures), retryAttempts: 2 });
    this.primary.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(backupFn.function));

    const visitFn = new BundledFunction(this, 'VisitFunction', {
      ...common,
      name: 'visit',
      description: 'MyTravel: counts a page visit (POST) or reads the counts (GET)',
      timeout: Duration.seconds(10),
      environment: { WORDFREQ_COUNTERS_TABLE: counters.tableName },
    });
    visitFn.allow(['dynamodb:UpdateItem', 'dynamodb:GetItem'], [counters.tableArn]);
    const visitApi = new VisitApi(this, 'VisitApi', {
      handler: visitFn.function,
      rateLimit: props.visitRateLimit ?? 50,
      burstLimit: props.visitBurstLimit ?? 100,
      logRetention,
      dev,
    });

    const milestoneFn = new BundledFunction(this, 'MilestoneFunction', {
      ...common,
      name: 'milestone',
      description: 'MyTravel: sends the one congratulation mail when the site total crosses a milestone',
      timeout: Duration.seconds(30),
      environment: {
        WORDFREQ_CLAIMS_TABLE: claims.tableName,
        WORDFREQ_MILESTONES: (props.milestones ?? [1_000_000]).join(','),
        WORDFREQ_MAIL_FROM: props.mailFrom,
        WORDFREQ_MAIL_TO: props.mailTo.join(','),
        ...(props.siteName === undefined ? {} : { WORDFREQ_SITE_NAME: props.siteName }),
      },
    });
    const streamArn = counters.tableStreamArn as string;
    // The event source mapping reads the stream with the function's role; ListStreams takes no resource.
    milestoneFn.allow(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], [streamArn]);
    milestoneFn.allow(['dynamodb:ListStreams'], ['*']);
    milestoneFn.allow(['sqs:SendMessage'], [milestoneFailures.queueArn]);
    // Scan: the recovery sweep (core's resumeUnsentMilestones) looks for claims whose mail was never sent.
    milestoneFn.allow(['dynamodb:PutItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:Scan'], [claims.tableArn]);
    // An event without Records makes the handler only sweep: an unsent mail is resent within minutes
    // even when no visit arrives on the stream to trigger the sweep.
    new events.Rule(this, 'MilestoneSweepSchedule', {
      description: 'MyTravel: the milestone function resends claims whose mail was never sent',
      schedule: events.Schedule.rate(Duration.minutes(milestoneSweepMinutes)),
      targets: [new eventTargets.LambdaFunction(milestoneFn.function, { event: events.RuleTargetInput.fromObject({ sweep: 'unsent-milestones' }), retryAttempts: 0 })],
    });
    const identity = new ses.EmailIdentity(this, 'Sender', { identity: ses.Identity.email(props.mailFrom) });
    milestoneFn.allow(['ses:SendEmail'], [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${identity.emailIdentityName}`]);
    new lambda.EventSourceMapping(this, 'MilestoneFromStream', {
      target: milestoneFn.function,
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      bisectBatchOnError: true,
      retryAttempts: milestoneRetryAttempts,
      maxRecordAge: Duration.days(1),
      reportBatchItemFailures: true,
      onFailure: failureQueueForMapping(milestoneFailures),
    });

    this.site = new SiteDistribution(this, 'Site', {
      bucket: this.primary,
      visitApi: visitApi.api,
      logBucket: logs_,
      ...(props.domain ? { domain: props.domain } : {}),
      ...(props.siteDirectory === undefined ? {} : { siteDirectory: props.siteDirectory }),
    });

    const postsFn = new BundledFunction(this, 'PostsFunction', {
      ...common,
      name: 'posts',
      description: "MyTravel: the forum's posts (list, read, create with a presigned photo upload)",
      timeout: Duration.seconds(10),
      environment: {
        WORDFREQ_BUCKET: this.primary.bucketName,
        WORDFREQ_SITE_ORIGIN: siteOrigin ?? `https://${this.site.distribution.distributionDomainName}`,
      },
    });
    const posts = this.primary.arnForObjects(`${postsPrefix}*`);
    postsFn.allow(['s3:GetObject'], [posts]);
    // The presigned POST is authorised by the signer's role: S3 accepts the browser's upload of
    // posts/<id>/photo only while this role may put it (and the handler writes post.json itself).
    postsFn.allow(['s3:PutObject'], [posts]);
    postsFn.allow(['s3:ListBucket'], [this.primary.bucketArn]);
    visitApi.addPosts(postsFn.function);
    this.functions = { backup: backupFn, visit: visitFn, milestone: milestoneFn, posts: postsFn };

    new CfnOutput(this, 'SiteUrl', { value: `https://${props.domain?.domainName ?? this.site.distribution.distributionDomainName}`, description: 'the site (CloudFront)' });
    new CfnOutput(this, 'PrimaryBucketName', { value: this.primary.bucketName, description: "the site's origin and the forum's uploads" });
    new CfnOutput(this, 'BackupBucketName', { value: this.backup.bucketName });

    this.alarms = new AlarmTopic(this, 'Alarms', props.alarmEmail === undefined ? {} : { email: props.alarmEmail });
    const maximum = { statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(1) };
    const fiveMinutes = { period: Duration.minutes(5) };
    for (const [name, fn] of Object.entries(this.functions)) {
      this.alarms.add(`${name}ErrorsAlarm`, {
        alarmDescription: `the ${name} function fails invocations`,
        metric: fn.function.metricErrors(fiveMinutes),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    this.alarms.add('MilestoneSendFailuresAlarm', {
      alarmDescription: 'the milestone mail could not be sent (SES or the claims table failing); it is retried',
      metric: emfMetric('lambda-milestone', 'MilestoneErrors').with(fiveMinutes),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    // The sweep repairs unsent claims, so its failures never fail an invocation: only this metric shows
    // a sweep that cannot read the claims or send; a skipped stream record is a deployment error.
    for (const [metricName, description] of [
      ['MilestoneSweepErrors', 'the milestone recovery sweep failed (claims or counters unreadable, or a resend failed); it runs again on its schedule'],
      ['StreamRecordsSkipped', 'the milestone function skipped stream records it cannot decode (wrong stream view type or table)'],
    ] as const) {
      this.alarms.add(`${metricName}Alarm`, {
        alarmDescription: description,
        metric: emfMetric('lambda-milestone', metricName).with(fiveMinutes),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }
    for (const [name, queue] of [['MilestoneFailures', milestoneFailures], ['BackupFailures', backupFailures]] as const) {
      this.alarms.add(`${name}Alarm`, {
        alarmDescription: `${name}: events that failed every retry are waiting in this queue`,
        metric: queue.metricApproximateNumberOfMessagesVisible(maximum),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      });
    }

    const distribution = this.site.distribution;
    const cloudFrontMetric = (metricName: string) =>
      // CloudFront's metrics live in us-east-1, whatever the stack's region.
      new cloudwatch.Metric({ namespace: 'AWS/CloudFront', metricName, dimensionsMap: { DistributionId: distribution.distributionId, Region: 'Global' }, region: 'us-east-1', statistic: cloudwatch.Stats.AVERAGE });
    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `${this.stackName}-mytravel` });
    dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'visits recorded', left: [emfMetric('lambda-visit', 'VisitsRecorded')] }),
      new cloudwatch.GraphWidget({ title: 'milestone mails sent / errors', left: [emfMetric('lambda-milestone', 'MilestoneMailsSent'), emfMetric('lambda-milestone', 'MilestoneErrors')] }),
      new cloudwatch.GraphWidget({ title: 'backups copied / failed', left: [emfMetric('lambda-backup', 'BackupsCopied'), emfMetric('lambda-backup', 'BackupsFailed')] }),
      new cloudwatch.GraphWidget({ title: 'function errors', left: Object.values(this.functions).map((fn) => fn.function.metricErrors()) }),
      new cloudwatch.GraphWidget({ title: 'function duration p90 (ms)', left: Object.values(this.functions).map((fn) => fn.function.metricDuration({ statistic: cloudwatch.Stats.p(90) })) }),
      new cloudwatch.GraphWidget({
        title: 'counters table throttles',
        left: [counters.metricThrottledRequestsForOperations({ operations: [dynamodb.Operation.UPDATE_ITEM, dynamodb.Operation.GET_ITEM] })],
      }),
      new cloudwatch.GraphWidget({
        title: 'claims table throttles',
        left: [claims.metricThrottledRequestsForOperations({ operations: [dynamodb.Operation.PUT_ITEM, dynamodb.Operation.UPDATE_ITEM, dynamodb.Operation.GET_ITEM] })],
      }),
      new cloudwatch.GraphWidget({ title: 'CloudFront error rates (%)', left: [cloudFrontMetric('4xxErrorRate'), cloudFrontMetric('5xxErrorRate')] }),
    );
  }
}
