import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workerEnvVariables } from '../src/config/worker-config.from-env.js';
import { workerDefaults } from '../src/config/worker-config.js';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
const unit = read('../deploy/wordfreq-worker.service');
const userData = read('../deploy/user-data.sh');
const envExample = read('../deploy/worker.env.example');
const readme = read('../README.md');

/** `Key=value` lines of one section of a systemd unit. */
function section(name: string): Map<string, string> {
  const body = unit.split(/^\[/m).find((s) => s.startsWith(`${name}]`)) ?? '';
  return new Map(
    body
      .split('\n')
      .filter((line) => /^[A-Za-z]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

describe('deploy files', () => {
  it('the unit runs the daemon the build produces, with the health endpoint, from the env file', () => {
    const service = section('Service');
    expect(service.get('ExecStart')).toBe('/usr/bin/node --max-semi-space-size=2 /opt/wordfreq/packages/runtime-ec2/dist/main.js --health-port 8080');
    expect(read('../tsup.config.ts')).toContain("'src/main.ts'");
    expect(service.get('EnvironmentFile')).toBe('/etc/wordfreq/worker.env');
    expect(service.get('KillSignal')).toBe('SIGTERM');
    expect(service.get('RestartPreventExitStatus')).toBe('2');
    expect(section('Install').get('WantedBy')).toBe('multi-user.target');
  });

  it('gives a draining worker its grace period and last long poll before systemd kills it', () => {
    const stopSeconds = Number(section('Service').get('TimeoutStopSec'));
    const graceSeconds = Number(/WORKER_GRACE_SECONDS="(\d+)"/.exec(userData)?.[1]);
    expect(graceSeconds).toBe(workerDefaults.gracePeriodMs / 1000);
    expect(stopSeconds).toBeGreaterThan(graceSeconds + workerDefaults.waitSeconds);
  });

  it('the user data is valid bash and writes only variables the worker reads', () => {
    execFileSync('bash', ['-n', fileURLToPath(new URL('../deploy/user-data.sh', import.meta.url))]);
    const envBlock = /cat > \/etc\/wordfreq\/worker\.env <<ENV\n([\s\S]*?)\nENV/.exec(userData)?.[1] ?? '';
    const written = envBlock.split('\n').map((line) => line.slice(0, line.indexOf('=')));
    expect(written).toEqual(expect.arrayContaining(['WORKER_QUEUE_URL', 'WORKER_RESULT_QUEUE_URL', 'WORKER_RESULT_TABLENAME', 'AWS_REGION']));
    for (const name of written) expect(Object.keys(workerEnvVariables)).toContain(name);
  });

  it('the example env file names only variables the worker reads', () => {
    const names = envExample
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => line.slice(0, line.indexOf('=')));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) expect(Object.keys(workerEnvVariables)).toContain(name);
  });

  it('the README documents every variable the worker reads, and no other', () => {
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(workerEnvVariables).sort());
  });
});
