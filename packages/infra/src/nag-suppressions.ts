import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { BundledFunction } from './common/bundled-function.js';
import { MyTravelStack } from './mytravel/mytravel-stack.js';
import { WordFreqStack } from './wordfreq/wordfreq-stack.js';

/*
 * The cdk-nag AwsSolutions findings that were reviewed and accepted, each on the one construct it is
 * about (never a whole stack), with the reason. test/cdk-nag.test.ts fails on any other finding.
 */

const objectArns =
  'S3 object ARNs: the keys are whatever users upload, so bucket-ARN/* is the narrowest resource for object actions on that one bucket';

function ack(scope: IConstruct, id: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions::AwsSolutions-${id}`, reason });
}

/** CDK's own deploy-time helpers (bucket notifications, site upload): not code of ours, run by CloudFormation. */
function acknowledgeCdkHelpers(stack: Stack): void {
  for (const child of stack.node.children) {
    const id = child.node.id;
    if (id.startsWith('BucketNotificationsHandler')) {
      ack(child, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', "CDK's bucket-notification custom resource (runs only during deployments to set the bucket's notifications); its role is CDK's");
      ack(child, 'IAM5[Resource::*]', 's3:PutBucketNotification of CDK\'s bucket-notification custom resource; CDK scopes it to the stack\'s buckets through the resource\'s own properties');
    }
    if (id.startsWith('Custom::CDKBucketDeployment')) {
      ack(child, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', "CDK's BucketDeployment custom resource (uploads the site's files during deployments); its role is CDK's");
      ack(child, 'L1', "CDK's BucketDeployment custom resource pins its own Python runtime; upgrading it is CDK's release, not this app's");
      for (const finding of ['Action::s3:GetObject*', 'Action::s3:GetBucket*', 'Action::s3:List*', 'Action::s3:DeleteObject*', 'Action::s3:Abort*']) {
        ack(child, `IAM5[${finding}]`, "CDK's BucketDeployment grants: read the staged site asset, write the site bucket (scoped by CDK to those two buckets)");
      }
      ack(child, 'IAM5[Resource::*]', "CDK's BucketDeployment invalidates the distribution (cloudfront:CreateInvalidation has no narrower resource in CDK's grant)");
    }
  }
}

/** The corpus state machine (issue 15): its functions' object ARNs and CDK's grants to the state machine. */
function acknowledgeCorpus(stack: WordFreqStack): void {
  // A resource's logical id, from the token of its ARN (Fn::GetAtt) or of its name (Ref).
  const logicalId = (token: string) => {
    const resolved = stack.resolve(token) as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
    return resolved['Fn::GetAtt']?.[0] ?? resolved.Ref;
  };
  const uploads = logicalId(stack.uploads.bucketArn);
  const work = logicalId(stack.corpusWork.bucketArn);
  const { plan, map, reduce } = stack.corpus.functions;
  const policyOf = (fn: BundledFunction) => fn.role.node.findChild('DefaultPolicy');
  for (const fn of [plan, map]) {
    ack(policyOf(fn), `IAM5[Resource::<${uploads}.Arn>/*]`, `the corpus plan heads and the map reads (ranged GETs) the uploads bucket's objects under the requested prefix. ${objectArns}`);
  }
  for (const fn of [plan, map, reduce]) {
    ack(policyOf(fn), `IAM5[Resource::<${work}.Arn>/corpus-runs/*]`, "a corpus run's manifest and partial counts are keyed by the execution's name and the part ids, known only when a run starts: corpus-runs/* of the work bucket is the narrowest prefix");
  }
  const machine = stack.corpus.stateMachine;
  const machinePolicy = machine.role.node.findChild('DefaultPolicy');
  for (const fn of [plan, map, reduce]) {
    ack(machinePolicy, `IAM5[Resource::<${logicalId(fn.function.functionArn)}.Arn>:*]`, "CDK's LambdaInvoke grant: lambda:InvokeFunction on the function and its qualified versions (arn:*); the state machine invokes exactly these three functions");
  }
  ack(machinePolicy, `IAM5[Resource::arn:<AWS::Partition>:s3:::<${work}>/*]`, "CDK's grant for the Distributed Maps' S3 item readers: s3:GetObject on the work bucket's objects; the manifest's key is the execution's, known only when a run starts");
  ack(machinePolicy, 'IAM5[Resource::*]', "CDK's grants for the state machine's logging and X-Ray tracing: the CloudWatch Logs log-delivery actions and xray:PutTraceSegments/PutTelemetryRecords/GetSampling* have no resource-level permissions");
  const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:${JSON.stringify({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: logicalId(machine.stateMachineArn) }] }] })}`;
  const mapPolicy = machine.node.findChild('DistributedMapPolicy');
  ack(mapPolicy, `IAM5[Resource::${executions}:*]`, "CDK's Distributed Map grant: describe and stop the child executions the maps start, whose names Step Functions chooses at run time");
  for (const label of ['CountParts', 'MergeGroups']) {
    ack(mapPolicy, `IAM5[Resource::${executions}/${label}:*]`, `CDK's Distributed Map grant: redrive the ${label} Map Run's failed child executions, named at run time`);
  }
}

export function suppressReviewedFindings(stack: Stack): void {
  acknowledgeCdkHelpers(stack);
  if (stack instanceof WordFreqStack) {
    const results = stack.node.findChild('Results');
    ack(results, 'SQS3', 'the results queue is for consumers outside this system (nothing here reads it); each consumer sets the redrive its processing needs');
    const fleet = stack.fleet;
    if (fleet) {
      if (fleet.spot) {
        ack(fleet.group, 'EC26', "cdk-nag's EBS-encryption rule throws on a mixed instances policy (it reads the group's launchTemplate, which Spot groups do not have); the launch template's only volume is encrypted, which test/variants.test.ts checks");
      }
      const policy = fleet.role.node.findChild('DefaultPolicy');
      const uploads = stack.resolve(stack.uploads.bucketArn) as { 'Fn::GetAtt': [string, string] };
      ack(policy, `IAM5[Resource::<${uploads['Fn::GetAtt'][0]}.Arn>/*]`, `s3:GetObject on the uploads bucket's objects. ${objectArns}`);
      ack(policy, `IAM5[Resource::arn:<AWS::Partition>:autoscaling:<AWS::Region>:<AWS::AccountId>:autoScalingGroup:*:autoScalingGroupName/${stack.stackName}-workers]`, "autoscaling:CompleteLifecycleAction on this stack's group: a group ARN holds a random id unknown before creation, so the id is the wildcard and the group name is fixed");
    }
    acknowledgeCorpus(stack);
    if (stack.jobsFunction) {
      const policy = stack.jobsFunction.bundled.role.node.findChild('DefaultPolicy');
      const uploads = stack.resolve(stack.uploads.bucketArn) as { 'Fn::GetAtt': [string, string] };
      ack(policy, `IAM5[Resource::<${uploads['Fn::GetAtt'][0]}.Arn>/*]`, `s3:GetObject on the uploads bucket's objects. ${objectArns}`);
    }
  }
  if (stack instanceof MyTravelStack) {
    for (const name of ['BackupFailures', 'MilestoneFailures']) {
      ack(stack.node.findChild(name), 'SQS3', 'this queue is itself a dead-letter queue: the on-failure destination of a Lambda function (not a redrive policy, which is what the rule looks for)');
    }
    const primaryArn = stack.resolve(stack.primary.bucketArn) as { 'Fn::GetAtt': [string, string] };
    for (const deployment of stack.node.children.filter((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'))) {
      const reason = "CDK's BucketDeployment copies the staged site files (CDK's asset bucket, bootstrap-named) into the primary bucket; object ARNs of those two buckets";
      ack(deployment, `IAM5[Resource::<${primaryArn['Fn::GetAtt'][0]}.Arn>/*]`, reason);
      ack(deployment, 'IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason);
    }
    const backupPolicy = stack.functions.backup.role.node.findChild('DefaultPolicy');
    for (const bucket of [stack.primary, stack.backup]) {
      const arn = stack.resolve(bucket.bucketArn) as { 'Fn::GetAtt': [string, string] };
      ack(backupPolicy, `IAM5[Resource::<${arn['Fn::GetAtt'][0]}.Arn>/*]`, `the backup function reads uploads and writes their copies under the same keys. ${objectArns}`);
    }
    ack(stack.functions.milestone.role.node.findChild('DefaultPolicy'), 'IAM5[Resource::*]', 'dynamodb:ListStreams (called by the stream event source mapping) supports no resource-level permissions; every other action of this role names its table, stream or identity');
    const primaryId = (stack.resolve(stack.primary.bucketArn) as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    ack(stack.functions.posts.role.node.findChild('DefaultPolicy'), `IAM5[Resource::<${primaryId}.Arn>/posts/*]`, `the posts function reads and writes the forum's posts/<id>/ objects (and signs the browsers' photo uploads there). ${objectArns}`);
    const api = stack.node.findChild('VisitApi').node.findChild('Api');
    for (const route of api.node.children.filter((child) => child.node.id.includes('posts'))) {
      ack(route, 'APIG4', "the forum is public: anonymous readers list and read posts and may post one (title, place, text, a photo whose size and type the presigned policy fixes); the stage is throttled");
    }
    for (const route of api.node.children.filter((child) => child.node.id.includes('visits'))) {
      ack(route, 'APIG4', 'page visits are counted for anonymous readers of a public forum, so the route is public by design; the stage is throttled and the function only adds one to a counter');
    }
    const distribution = stack.site.distribution;
    if (stack.site.certificate === undefined) {
      ack(distribution, 'CFR4', "without a domain the distribution uses CloudFront's default *.cloudfront.net certificate, whose TLS policy AWS fixes; give a domain (props) to get TLSv1.2_2021");
    }
    ack(distribution, 'CFR1', 'a travel forum is read worldwide: no country is to be blocked');
    ack(distribution, 'CFR2', 'no WAF: static pages and a throttled counter API; a web ACL costs $5 a month plus $1 per rule and per million requests, out of proportion here (add one with webAclId if abuse appears)');
  }
}
