import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { dataRemovalPolicy } from '../common/data-retention.js';

/**
 * The stage's name is also the path prefix CloudFront forwards: `/api/visits/{page}` on the site
 * reaches this stage as `/api/visits/{page}`, and the visit handler strips a named stage's prefix
 * (runtime-lambda's visit-route.ts), so the one route `ANY /visits/{page}` serves it.
 */
export const visitApiStage = 'api';

export interface VisitApiProps {
  readonly handler: lambda.IFunction;
  /** Steady requests per second and burst across the stage (API Gateway's token bucket). */
  readonly rateLimit: number;
  readonly burstLimit: number;
  readonly logRetention: logs.RetentionDays;
  readonly dev: boolean;
}

/**
 * An HTTP API (payload format 2.0) in front of the visit function and, once `addPosts` is called,
 * the forum's posts function: throttled, access-logged.
 */
export class VisitApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;

  constructor(scope: Construct, id: string, props: VisitApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', { createDefaultStage: false, description: 'MyTravel page visits and forum posts' });
    this.api.addRoutes({
      path: '/visits/{page}',
      methods: [apigwv2.HttpMethod.ANY],
      integration: new HttpLambdaIntegration('Visit', props.handler, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 }),
    });
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetention, removalPolicy: dataRemovalPolicy(props.dev) });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: visitApiStage,
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: { destination: new apigwv2.LogGroupLogDestination(accessLogs), format: apigateway.AccessLogFormat.jsonWithStandardFields() },
    });
  }

  /**
   * The forum's routes, as runtime-lambda's posts-route.ts answers them: `GET`/`POST /posts` (list,
   * create) and `GET /posts/{id}`, each with `OPTIONS` for a CORS preflight; other methods never
   * reach the function. The handler strips the stage prefix as the visit handler does.
   */
  addPosts(handler: lambda.IFunction): void {
    const integration = new HttpLambdaIntegration('Posts', handler, { payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0 });
    const { GET, POST, OPTIONS } = apigwv2.HttpMethod;
    this.api.addRoutes({ path: '/posts', methods: [GET, POST, OPTIONS], integration });
    this.api.addRoutes({ path: '/posts/{id}', methods: [GET, OPTIONS], integration });
  }
}
