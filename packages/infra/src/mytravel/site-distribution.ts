import { Aws, CfnRule, Duration, Fn } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as targets from 'aws-cdk-lib/aws-route53-targets';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { siteContentSecurityPolicy } from '@wordfreq/mytravel-site/security-headers';
import { Construct } from 'constructs';
import { visitApiStage } from './visit-api.js';

/** A domain of a Route 53 hosted zone the site is served under. */
export interface SiteDomain {
  /** The hosted zone's id (Z...) and name (example.com): given, not looked up, so synth needs no AWS. */
  readonly hostedZoneId: string;
  readonly zoneName: string;
  /** The site's name in that zone, e.g. travel.example.com or example.com. */
  readonly domainName: string;
}

export interface SiteDistributionProps {
  readonly bucket: s3.IBucket;
  readonly visitApi: apigwv2.HttpApi;
  readonly logBucket: s3.IBucket;
  readonly domain?: SiteDomain;
  /** A local folder of built pages to upload to the bucket on deploy (absent: nothing is uploaded). */
  readonly siteDirectory?: string;
}

/**
 * CloudFront over the primary bucket (origin access control; the bucket stays private), HTTPS
 * only, security headers, `/api/*` (visits and posts) routed to the HTTP API uncached, standard logs; with a
 * domain, an ACM certificate validated in its zone and alias records.
 */
export class SiteDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;
  readonly certificate?: acm.Certificate;

  constructor(scope: Construct, id: string, props: SiteDistributionProps) {
    super(scope, id);
    const zone = props.domain
      ? route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: props.domain.hostedZoneId, zoneName: props.domain.zoneName })
      : undefined;
    if (props.domain && zone) {
      // CloudFront takes certificates from us-east-1 only. The stacks are environment-agnostic, so
      // this is checked when deploying: a rule makes CloudFormation refuse another region up front.
      new CfnRule(this, 'CertificateRegion', {
        assertions: [
          {
            assert: Fn.conditionEquals(Aws.REGION, 'us-east-1'),
            assertDescription: 'With a domain, deploy MyTravel to us-east-1: CloudFront only uses ACM certificates from us-east-1.',
          },
        ],
      });
      this.certificate = new acm.Certificate(this, 'Certificate', {
        domainName: props.domain.domainName,
        validation: acm.CertificateValidation.fromDns(zone),
      });
    }
    const apiOrigin = new origins.HttpOrigin(`${props.visitApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'MyTravel site',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.pageHeaders(props.bucket),
      },
      additionalBehaviors: {
        // The stage is named after the prefix, so the path is forwarded as is (see visit-api.ts).
        [`/${visitApiStage}/*`]: {
          origin: apiOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        },
      },
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      // The minimum TLS version applies to a custom certificate only (the default one is fixed by AWS).
      ...(props.domain && this.certificate
        ? { domainNames: [props.domain.domainName], certificate: this.certificate, minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 }
        : {}),
    });
    if (props.domain && zone) {
      const target = route53.RecordTarget.fromAlias(new targets.CloudFrontTarget(this.distribution));
      new route53.ARecord(this, 'AliasA', { zone, recordName: props.domain.domainName, target });
      new route53.AaaaRecord(this, 'AliasAaaa', { zone, recordName: props.domain.domainName, target });
    }
    if (props.siteDirectory !== undefined) {
      // prune: false, because the same bucket holds the forum's uploads: deploying pages must not delete posts.
      new s3deploy.BucketDeployment(this, 'SiteFiles', {
        sources: [s3deploy.Source.asset(props.siteDirectory)],
        destinationBucket: props.bucket,
        prune: false,
        distribution: this.distribution,
        distributionPaths: ['/*'],
        cacheControl: [s3deploy.CacheControl.maxAge(Duration.minutes(5))],
      });
    }
  }

  /**
   * The pages' headers: the site's own content security policy (the one the local front sends, so
   * the browser tests run the pages under it), with uploads allowed to the bucket's regional
   * endpoint, where the posts function presigns them; HSTS for two years, no sniffing, no framing.
   */
  private pageHeaders(bucket: s3.IBucket): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'PageHeaders', {
      comment: 'MyTravel pages: CSP, HSTS, nosniff, no framing',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: siteContentSecurityPolicy({ uploadOrigin: `https://${bucket.bucketRegionalDomainName}` }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(730), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
      },
    });
  }
}
