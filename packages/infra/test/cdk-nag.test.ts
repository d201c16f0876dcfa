// cdk-nag's AwsSolutions pack over every variant: nothing left unacknowledged, and every
// acknowledgement carries a reason. The last test shows the check can fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { checkWithCdkNag } from '../src/wordfreq-app.js';
import { cdkJsonContext, nagReportIn, nagReportOf } from './support/synth.js';
import { variants } from './support/variants.js';

describe.each(variants.map((v) => v.name))('cdk-nag AwsSolutions over %s', (name) => {
  it('reports no unacknowledged finding', () => {
    const report = nagReportOf(name);
    expect(report.violations).toEqual([]);
    expect(report.conclusion).toBe('success');
  });

  it('acknowledges each finding on its own construct with a reason a reviewer can check', () => {
    const report = nagReportOf(name);
    expect(report.acknowledged.length).toBeGreaterThan(0);
    for (const finding of report.acknowledged) {
      expect(finding.reason.length, `${finding.rule} at ${finding.paths.join(', ')}`).toBeGreaterThan(40);
      // Never a whole stack: each path names a resource below the stack.
      for (const path of finding.paths) expect(path.split('/').length, finding.rule).toBeGreaterThan(1);
    }
  });
});

describe('the cdk-nag check itself', () => {
  it('reports a finding nobody acknowledged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'wordfreq-nag-control-'));
    try {
      const app = new App({ outdir, context: cdkJsonContext() });
      const stack = new Stack(app, 'Control');
      new s3.Bucket(stack, 'NoLogsNoTls');
      checkWithCdkNag(app);
      try {
        app.synth();
      } catch {
        // the violations fail the synthesis; the report says which
      }
      const rules = nagReportIn(outdir).violations.map((v) => v.rule);
      expect(rules).toEqual(expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-S10']));
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});
