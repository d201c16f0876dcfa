import { RemovalPolicy } from 'aws-cdk-lib';

/**
 * What happens to stored data (buckets, tables, queues with messages) when a stack is deleted:
 * kept, unless the deployment is marked `dev`, where teardown should leave nothing behind.
 */
export function dataRemovalPolicy(dev: boolean): RemovalPolicy {
  return dev ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
}
