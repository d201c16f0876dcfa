import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { inject } from 'vitest';
import { appOptionsFromContext } from '../../src/app-options.js';
import { infraPackageDir } from '../../src/common/bundle-paths.js';
import { addWordFreqStacks, checkWithCdkNag, type StackChoice } from '../../src/wordfreq-app.js';
import { variant } from './variants.js';

/** The feature flags of cdk.json, so tests synthesise what `npx cdk synth` does. */
export function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(join(infraPackageDir(), 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}

/** Synthesises one stack of the app into `outdir`, with cdk-nag, as `npx cdk synth -c ...` would. */
export function synthesiseTo(outdir: string, context: Readonly<Record<string, string>>, stack: StackChoice): void {
  const app = new App({ outdir, context: cdkJsonContext() });
  addWordFreqStacks(app, appOptionsFromContext((key) => context[key]), stack);
  checkWithCdkNag(app);
  try {
    app.synth();
  } catch (error) {
    // cdk-nag findings fail the synthesis after the templates and the report are written; the cdk-nag
    // test reports them. Anything else is a real failure.
    if (!existsSync(join(outdir, 'validation-report.json'))) throw error;
  }
}

export type TemplateJson = { Resources: Record<string, { Type: string; Properties?: any; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: unknown }>; Rules?: Record<string, unknown>; Parameters?: Record<string, unknown> };

/** A variant's synthesised template (from the global setup). */
export function templateOf(name: string): { template: Template; json: TemplateJson; stackName: string } {
  const v = variant(name);
  const file = join(inject('synthDir'), name, `${v.stack}.template.json`);
  if (!existsSync(file)) throw new Error(`variant ${name} was not synthesised (no ${file})`);
  const json = JSON.parse(readFileSync(file, 'utf8')) as TemplateJson;
  return { template: Template.fromJSON(json), json, stackName: v.stack };
}

export interface NagViolation {
  readonly rule: string;
  readonly paths: readonly string[];
}

export interface NagReport {
  readonly conclusion: string;
  readonly violations: readonly NagViolation[];
  readonly acknowledged: readonly { rule: string; reason: string; paths: readonly string[] }[];
}

interface RawViolation {
  ruleName: string;
  reason?: string;
  violatingConstructs?: { constructPath?: string }[];
}

/** The AwsSolutions plugin's report of a synthesis in `outdir`. */
export function nagReportIn(outdir: string): NagReport {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; conclusion: string; violations: RawViolation[]; suppressedViolations?: RawViolation[] }[];
  };
  const plugin = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions');
  if (!plugin) throw new Error(`no AwsSolutions report in ${outdir}`);
  const paths = (v: RawViolation) => (v.violatingConstructs ?? []).map((c) => c.constructPath ?? '?');
  return {
    conclusion: plugin.conclusion,
    violations: plugin.violations.map((v) => ({ rule: v.ruleName, paths: paths(v) })),
    acknowledged: (plugin.suppressedViolations ?? []).map((v) => ({ rule: v.ruleName, reason: v.reason ?? '', paths: paths(v) })),
  };
}

export function nagReportOf(name: string): NagReport {
  return nagReportIn(join(inject('synthDir'), name));
}
