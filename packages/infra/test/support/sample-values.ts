import type { TemplateJson } from './synth.js';

/**
 * Replaces a template's tokens (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, ...) by the values CloudFormation
 * would give them in a sample account, so that an environment or a policy can be read as plain text:
 * queues get URLs, buckets and tables their names (or a name made from the logical id), ARNs their
 * service's format. `queueUrl` lets a test point queue URLs elsewhere (at an emulator).
 */
export interface SampleSettings {
  readonly region: string;
  readonly account: string;
  readonly stackName: string;
  readonly queueUrl?: (name: string) => string;
}

export const sampleAccount = '123456789012';
export const sampleRegion = 'us-east-1';

export class SampleValues {
  constructor(
    private readonly template: TemplateJson,
    private readonly settings: SampleSettings,
  ) {}

  /** The physical name CloudFormation would give a resource: its name property, or one from its logical id. */
  nameOf(logicalId: string): string {
    const resource = this.resource(logicalId);
    const p = resource.Properties ?? {};
    const given = p.QueueName ?? p.TableName ?? p.BucketName ?? p.LogGroupName ?? p.AutoScalingGroupName ?? p.FunctionName ?? p.TopicName ?? p.EmailIdentity;
    if (typeof given === 'string') return given;
    const base = `${this.settings.stackName}-${logicalId}`.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    return base.slice(0, 60);
  }

  arnOf(logicalId: string): string {
    const { region, account } = this.settings;
    const type = this.resource(logicalId).Type;
    const name = this.nameOf(logicalId);
    switch (type) {
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${region}:${account}:${name}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name}`;
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${region}:${account}:table/${name}`;
      case 'AWS::Logs::LogGroup':
        return `arn:aws:logs:${region}:${account}:log-group:${name}:*`;
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${region}:${account}:function:${name}`;
      case 'AWS::SNS::Topic':
        return `arn:aws:sns:${region}:${account}:${name}`;
      case 'AWS::IAM::Role':
        return `arn:aws:iam::${account}:role/${name}`;
      default:
        return `arn:aws:${type.split('::')[1]?.toLowerCase()}:${region}:${account}:${name}`;
    }
  }

  /** A DynamoDB stream's ARN, as the table's StreamArn attribute gives it. */
  streamArnOf(logicalId: string): string {
    return `${this.arnOf(logicalId)}/stream/2026-01-01T00:00:00.000`;
  }

  queueUrlOf(logicalId: string): string {
    const name = this.nameOf(logicalId);
    return this.settings.queueUrl?.(name) ?? `https://sqs.${this.settings.region}.amazonaws.com/${this.settings.account}/${name}`;
  }

  /** A value with every token replaced; throws on a token it cannot resolve, naming it. */
  resolve(value: unknown): any {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1) {
      const [key, arg] = entries[0] as [string, any];
      switch (key) {
        case 'Ref':
          return this.ref(arg as string);
        case 'Fn::GetAtt':
          return this.getAtt(arg[0], arg[1]);
        case 'Fn::Join':
          return (this.resolve(arg[1]) as unknown[]).join(arg[0]);
        case 'Fn::Select':
          return (this.resolve(arg[1]) as unknown[])[Number(this.resolve(arg[0]))];
        case 'Fn::Split':
          return String(this.resolve(arg[1])).split(arg[0]);
        case 'Fn::GetAZs':
          return [`${this.settings.region}a`, `${this.settings.region}b`];
        case 'Fn::Base64':
          return this.resolve(arg);
        case 'Fn::Sub':
          return this.sub(Array.isArray(arg) ? arg[0] : arg, Array.isArray(arg) ? arg[1] : {});
        default:
          if (key.startsWith('Fn::')) throw new Error(`cannot resolve ${key} in ${JSON.stringify(value).slice(0, 200)}`);
      }
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, this.resolve(v)]));
  }

  private resource(logicalId: string) {
    const resource = this.template.Resources[logicalId];
    if (!resource) throw new Error(`no resource ${logicalId} in the template`);
    return resource;
  }

  private ref(name: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.settings.region,
      'AWS::AccountId': this.settings.account,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': this.settings.stackName,
    };
    if (pseudo[name] !== undefined) return pseudo[name];
    if (this.template.Parameters?.[name] !== undefined) return `${name}-value`;
    const type = this.resource(name).Type;
    if (type === 'AWS::SQS::Queue') return this.queueUrlOf(name);
    return this.nameOf(name);
  }

  private getAtt(logicalId: string, attribute: string): string {
    switch (attribute) {
      case 'Arn':
        return this.arnOf(logicalId);
      case 'StreamArn':
        return this.streamArnOf(logicalId);
      case 'QueueName':
        return this.nameOf(logicalId);
      case 'QueueUrl':
        return this.queueUrlOf(logicalId);
      case 'ApiId':
        return `api-${logicalId.toLowerCase()}`.slice(0, 10);
      default:
        return `${logicalId}.${attribute}`;
    }
  }

  private sub(text: string, variables: Record<string, unknown>): string {
    return text.replace(/\$\{([^}]+)\}/g, (_, expression: string) => {
      if (variables[expression] !== undefined) return String(this.resolve(variables[expression]));
      const [id, attribute] = expression.split('.');
      return attribute === undefined ? this.ref(id as string) : this.getAtt(id as string, attribute);
    });
  }
}
