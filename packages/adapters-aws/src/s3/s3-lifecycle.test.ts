import {
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  S3Client,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { glacierRuleId, S3ObjectStore } from './s3-object-store.js';

// s3rver has no lifecycle configuration, so the requests are checked as sent.
const offline = { region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, endpoint: 'http://127.0.0.1:9' };

function lifecycleMock(existing: LifecycleRule[] | 'none') {
  const s3 = new S3Client(offline);
  const mock = mockClient(s3);
  if (existing === 'none') {
    mock.on(GetBucketLifecycleConfigurationCommand).rejects(
      Object.assign(new Error('The lifecycle configuration does not exist'), { name: 'NoSuchLifecycleConfiguration', $metadata: { httpStatusCode: 404 } }),
    );
  } else {
    mock.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: existing });
  }
  mock.on(PutBucketLifecycleConfigurationCommand).resolves({});
  return { store: new S3ObjectStore(s3), sentRules: () => mock.commandCalls(PutBucketLifecycleConfigurationCommand).map((call) => call.args[0].input) };
}

const glacierRule = (days: number): LifecycleRule => ({
  ID: glacierRuleId,
  Status: 'Enabled',
  Filter: { Prefix: '' },
  Transitions: [{ Days: days, StorageClass: 'GLACIER' }],
});

describe('S3ObjectStore.applyGlacierLifecycle', () => {
  it('puts a rule moving every object to GLACIER after the given days', async () => {
    const { store, sentRules } = lifecycleMock('none');
    await store.applyGlacierLifecycle('backup', 30);
    expect(sentRules()).toEqual([{ Bucket: 'backup', LifecycleConfiguration: { Rules: [glacierRule(30)] } }]);
  });

  it('keeps the bucket\'s other rules and replaces only its own', async () => {
    const expire: LifecycleRule = { ID: 'expire-logs', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 7 } };
    const { store, sentRules } = lifecycleMock([expire, glacierRule(90)]);
    await store.applyGlacierLifecycle('backup', 1);
    expect(sentRules()[0]?.LifecycleConfiguration?.Rules).toEqual([expire, glacierRule(1)]);
  });

  it('refuses days that are not whole and >= 0', async () => {
    const { store, sentRules } = lifecycleMock('none');
    await expect(store.applyGlacierLifecycle('backup', -1)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(store.applyGlacierLifecycle('backup', 1.5)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(sentRules()).toEqual([]);
  });
});
