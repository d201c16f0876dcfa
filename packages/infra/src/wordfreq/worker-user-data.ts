/**
 * The launch template's user data for the EC2 worker (Amazon Linux 2023), as shell lines. Like
 * runtime-ec2's deploy/user-data.sh, but the code comes from a CDK asset (the daemon bundled into one
 * file, no npm install or git clone at boot) and every resource name comes from the stack.
 *
 * Besides the worker's own unit it installs a drain watcher: the worker drains on SIGTERM (stops
 * receiving, lets running jobs finish within WORKER_GRACE_SECONDS, hands the rest back), so the
 * watcher's only job is to deliver that SIGTERM in time, by `systemctl stop`, when either
 * - the instance's Auto Scaling lifecycle state becomes Terminated (IMDSv2
 *   `autoscaling/target-lifecycle-state`): the terminating lifecycle hook holds the instance in
 *   Terminating:Wait meanwhile, and the watcher completes the hook once the worker has exited; or
 * - a Spot interruption notice appears (`spot/instance-action`): two minutes before the reclaim.
 */
export interface WorkerUserDataSettings {
  /** The worker's environment (`/etc/wordfreq/worker.env`), values may be CDK tokens. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the asset zip is: `s3://bucket/key`. */
  readonly assetUrl: string;
  readonly region: string;
  readonly logGroupName: string;
  readonly lifecycleHookName: string;
  readonly autoScalingGroupName: string;
  readonly healthPort: number;
}

export const workerInstallDir = '/opt/wordfreq';
export const workerEnvFile = '/etc/wordfreq/worker.env';
export const workerLogFile = '/var/log/wordfreq/worker.log';
/** The marker lines around the environment file in the script: tests read the variables between them. */
export const envFileMarker = 'WORDFREQ_WORKER_ENV';

export function workerUserData(settings: WorkerUserDataSettings): string[] {
  const envLines = Object.entries(settings.env).map(([name, value]) => `${name}=${value}`);
  return [
    'set -euo pipefail',
    // IMDSv2 only (the launch template requires tokens).
    "imds_token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')",
    'INSTANCE_ID=$(curl -sS -H "X-aws-ec2-metadata-token: ${imds_token}" http://169.254.169.254/latest/meta-data/instance-id)',
    // Node.js 24 from the Amazon Linux 2023 repositories (reached through the S3 gateway endpoint).
    'dnf install -y nodejs24 unzip amazon-cloudwatch-agent logrotate',
    'ln -sf /usr/bin/node-24 /usr/bin/node 2>/dev/null || true',
    'node --version | grep -q "^v24\\." || { echo "expected Node.js 24, got $(node --version)" >&2; exit 1; }',
    `id wordfreq >/dev/null 2>&1 || useradd --system --home-dir ${workerInstallDir} --shell /sbin/nologin wordfreq`,
    `rm -rf ${workerInstallDir} && mkdir -p ${workerInstallDir}`,
    `aws s3 cp '${settings.assetUrl}' /tmp/wordfreq-worker.zip --region ${settings.region}`,
    `unzip -o /tmp/wordfreq-worker.zip -d ${workerInstallDir} && rm -f /tmp/wordfreq-worker.zip`,
    `chown -R root:root ${workerInstallDir}`,
    'mkdir -p /etc/wordfreq',
    `cat > ${workerEnvFile} <<${envFileMarker}`,
    ...envLines,
    'WORKER_ID=${INSTANCE_ID}',
    envFileMarker,
    `chown root:wordfreq ${workerEnvFile} && chmod 0640 ${workerEnvFile}`,
    // runtime-ec2's unit, unchanged but for where the bundled daemon is and the health port.
    `sed -e 's#${workerInstallDir}/packages/runtime-ec2/dist/main.js#${workerInstallDir}/main.mjs#' -e 's/--health-port 8080/--health-port ${settings.healthPort}/' \\`,
    `  ${workerInstallDir}/wordfreq-worker.service > /etc/systemd/system/wordfreq-worker.service`,
    // Logs (and EMF metric lines) to a file the CloudWatch agent ships; CloudWatch Logs extracts the metrics.
    'mkdir -p /etc/systemd/system/wordfreq-worker.service.d /var/log/wordfreq',
    "printf '[Service]\\nStandardOutput=append:/var/log/wordfreq/worker.log\\nStandardError=append:/var/log/wordfreq/worker.log\\n' > /etc/systemd/system/wordfreq-worker.service.d/log-file.conf",
    `printf '${workerLogFile} {\\n  daily\\n  rotate 3\\n  missingok\\n  copytruncate\\n  compress\\n}\\n' > /etc/logrotate.d/wordfreq-worker`,
    'cat > /opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json <<AGENT',
    JSON.stringify({
      agent: { run_as_user: 'root' },
      logs: { logs_collected: { files: { collect_list: [{ file_path: workerLogFile, log_group_name: settings.logGroupName, log_stream_name: '{instance_id}' }] } } },
    }),
    'AGENT',
    '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json',
    ...drainWatcher(settings),
    'systemctl daemon-reload',
    'systemctl enable --now wordfreq-worker.service wordfreq-drain-watcher.service',
    // Fail the boot early (the group replaces the instance) if the worker does not come up healthy.
    `for _ in $(seq 1 30); do curl -fsS http://127.0.0.1:${settings.healthPort}/health >/dev/null && { echo "wordfreq worker is healthy"; exit 0; }; sleep 2; done`,
    'echo "wordfreq worker did not become healthy; see journalctl -u wordfreq-worker" >&2; exit 1',
  ];
}

function drainWatcher(settings: WorkerUserDataSettings): string[] {
  return [
    "cat > /usr/local/bin/wordfreq-drain-watcher <<'WATCHER'",
    '#!/bin/bash',
    '# Stops the worker (SIGTERM: it drains) on scale-in or a Spot interruption notice; see the CDK app.',
    'set -uo pipefail',
    'md() { local t; t=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60") && curl -fsS -H "X-aws-ec2-metadata-token: $t" "http://169.254.169.254/latest/meta-data/$1"; }',
    'while sleep 5; do',
    '  if [ "$(md autoscaling/target-lifecycle-state 2>/dev/null)" = "Terminated" ]; then',
    '    systemctl stop wordfreq-worker.service',
    `    aws autoscaling complete-lifecycle-action --region ${settings.region} --lifecycle-action-result CONTINUE \\`,
    `      --lifecycle-hook-name '${settings.lifecycleHookName}' --auto-scaling-group-name '${settings.autoScalingGroupName}' --instance-id "$(md instance-id)"`,
    '    exit 0',
    '  fi',
    '  if md spot/instance-action >/dev/null 2>&1; then systemctl stop wordfreq-worker.service; exit 0; fi',
    'done',
    'WATCHER',
    'chmod 0755 /usr/local/bin/wordfreq-drain-watcher',
    "printf '[Unit]\\nDescription=stops the wordfreq worker on scale-in or Spot interruption\\nAfter=wordfreq-worker.service\\n[Service]\\nExecStart=/usr/local/bin/wordfreq-drain-watcher\\nRestart=on-failure\\n[Install]\\nWantedBy=multi-user.target\\n' > /etc/systemd/system/wordfreq-drain-watcher.service",
  ];
}
