import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { CliIo } from '../cli-io.js';
import type { Command } from '../command.js';
import { loadEmulatedAws } from '../loadtest/local-aws.js';
import { loadtestDefaults, parseLoadtestArgs } from '../loadtest/loadtest-options.js';
import { formatLoadtestReport, loadtestChartSpec, loadtestJson } from '../loadtest/loadtest-report.js';
import { InterruptedError } from '../loadtest/run-control.js';
import { runLoadtest, type LoadtestReport } from '../loadtest/run-loadtest.js';
import { renderSvg } from '../scaling/vega-chart.js';
import { UsageError } from '../usage-error.js';

const d = loadtestDefaults;
const usage = `Usage: wordfreq loadtest --local [options]

Runs the auto-scaling load test on this machine: starts emulated S3, SQS and DynamoDB, uploads files
whose upload notifications become jobs, and runs a local autoscaler that applies the policy to the
real queue depth by starting and stopping real 'wordfreq worker' processes (SIGTERM on scale-in, as an
Auto Scaling group does). Then it prints the measured run beside the simulator's prediction for the
same scenario, calibrated with the measured worker start-up and job times, and checks that every file
got exactly one result. Time is scaled down: the period and cooldown stand for the seed's 5 minutes.
Needs @wordfreq/local-aws (the emulators: there in a checkout of the repository; beside a CLI from npm,
'npm install --save-dev @wordfreq/local-aws') and Java 17 for DynamoDB Local.

Options:
  --local              required: run against emulated AWS (no AWS account is used)
  --policy P           step (the seed's thresholds: +1 at >= 15 visible, -1 at <= 2) or target
                       (target tracking on backlog per worker) (default ${d.policy})
  --files N            files uploaded at once (default ${d.files})
  --job-seconds A-B    artificial delay per job; each worker draws one from the range (default ${d.jobSeconds.min})
  --period S           alarm period in seconds; the queue is sampled every S/5 (step) or S (target)
                       (default ${d.periodSeconds})
  --cooldown S         cooldown in seconds (target tracking: scale-in; scale-out gets S/5) (default ${d.cooldownSeconds})
  --max N              most workers at once (default ${d.maxWorkers}); the least is 1
  --target N           target tracking's visible messages per worker (default ${d.targetBacklog})
  --file-kb N          size of each generated file (default ${d.bytesPerFile / 1024})
  --seed N             seed for the files' text and the workers' delays (default ${d.seed})
  --json               print the whole report as JSON (timelines, events, calibration, accounting)
  --svg FILE           also write the measured and predicted charts as an SVG picture

Exit codes: 0 every file got exactly one result; 1 a job was lost, failed or ran twice, or the run
failed; 2 bad options; 130 interrupted (everything started is stopped first).
`;

export const loadtestCommand: Command = {
  name: 'loadtest',
  summary: 'auto-scale real workers on emulated AWS and compare with the simulator',
  usage,
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { options, json, svg } = parseLoadtestArgs(argv);
    const svgPath = svg === undefined ? undefined : resolve(io.cwd, svg);
    // A chart that cannot be written should not cost a whole run to find out.
    if (svgPath !== undefined) await access(dirname(svgPath), constants.W_OK).catch(() => {
      throw new UsageError(`--svg ${svg}: cannot write into ${dirname(svgPath)}`);
    });
    // The emulators' SDK clients live in this process: spare the user nine lines of the SDK's Node 20
    // notice, as the other AWS commands do (set it to false to see it).
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const startAws = await loadEmulatedAws();
    const controller = new AbortController();
    let signals = 0;
    const onSignal = () => {
      signals += 1;
      if (signals === 1) {
        io.stderr.write('wordfreq loadtest: stopping the workers and emulators (Ctrl-C again to quit at once)\n');
        controller.abort();
      } else process.exit(130);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let report: LoadtestReport;
    try {
      report = await runLoadtest(options, {
        startAws,
        progress: (line) => io.stderr.write(`loadtest: ${line}\n`),
        signal: controller.signal,
      });
    } catch (error) {
      if (error instanceof InterruptedError) {
        io.stderr.write(`wordfreq loadtest: ${error.message}\n`);
        return 130;
      }
      throw error;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }

    if (svg !== undefined && svgPath !== undefined) await writeSvg(report, svgPath, svg);
    io.stdout.write(json ? JSON.stringify(loadtestJson(report)) + '\n' : formatLoadtestReport(report));
    if (svg !== undefined && !json) io.stdout.write(`\nChart written to ${svg}\n`);
    return report.accounting.exactlyOnce ? 0 : 1;
  },
};

async function writeSvg(report: LoadtestReport, path: string, given: string): Promise<void> {
  const svg = await renderSvg(loadtestChartSpec(report));
  try {
    await writeFile(path, svg);
  } catch (error) {
    throw new UsageError(`--svg ${given}: cannot write it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

export default loadtestCommand;
