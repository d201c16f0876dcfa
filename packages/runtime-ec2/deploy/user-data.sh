#!/bin/bash
# EC2 user data for the wordfreq worker's launch template (Amazon Linux 2023). Like the course's
# configure-service.sh: installs Node.js 24 and the worker, writes its environment, installs the
# systemd unit and starts it. Runs once, as root, at first boot; its log is in
# /var/log/cloud-init-output.log.
#
# Edit the settings below (or have your template render them). Queue URLs may be left empty: they
# are then built from the queue names, this instance's region and its account id.
set -euo pipefail

# ---- settings ---------------------------------------------------------------------------------
# Where the code comes from: an S3 tarball of a built checkout (fast boot; make it with
#   tar czf wordfreq.tgz --exclude=.git --exclude=node_modules . after `npm run build`)
# or, when WORDFREQ_ARTIFACT is empty, a git clone built on the instance (slower on small types).
WORDFREQ_ARTIFACT=""                       # e.g. s3://my-deploy-bucket/wordfreq.tgz
WORDFREQ_GIT_URL="https://github.com/your-org/wordfreq.git"
WORDFREQ_GIT_REF="main"

JOBS_QUEUE_NAME="wordfreq-jobs"
RESULTS_QUEUE_NAME="wordfreq-results"
DEAD_LETTER_QUEUE_NAME="wordfreq-jobs-dlq"   # empty: unreadable messages are left to the redrive policy
RESULT_TABLE="wordfreq"

WORKER_QUEUE_URL=""
WORKER_RESULT_QUEUE_URL=""
WORKER_DEAD_LETTER_QUEUE_URL=""
WORKER_MESSAGE_VISIBILITY="60"
WORKER_COUNT=""                             # empty: one job per vCPU, as the Go sample did
WORKER_JOB_DELAY_SECONDS="0"                # the course used 10
WORKER_GRACE_SECONDS="30"                   # keep below the unit's TimeoutStopSec (60)
HEALTH_PORT="8080"
# -----------------------------------------------------------------------------------------------

INSTALL_DIR=/opt/wordfreq

# Instance metadata (IMDSv2): region, account and instance id, so nothing region-specific is baked in.
imds_token=$(curl -sS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
imds() { curl -sS -H "X-aws-ec2-metadata-token: ${imds_token}" "http://169.254.169.254/latest/$1"; }
REGION=$(imds meta-data/placement/region)
INSTANCE_ID=$(imds meta-data/instance-id)
ACCOUNT_ID=$(imds dynamic/instance-identity/document | sed -n 's/.*"accountId"[[:space:]]*:[[:space:]]*"\([0-9]*\)".*/\1/p')
queue_url() { echo "https://sqs.${REGION}.amazonaws.com/${ACCOUNT_ID}/$1"; }
WORKER_QUEUE_URL=${WORKER_QUEUE_URL:-$(queue_url "$JOBS_QUEUE_NAME")}
WORKER_RESULT_QUEUE_URL=${WORKER_RESULT_QUEUE_URL:-$(queue_url "$RESULTS_QUEUE_NAME")}
if [ -z "$WORKER_DEAD_LETTER_QUEUE_URL" ] && [ -n "$DEAD_LETTER_QUEUE_NAME" ]; then
  WORKER_DEAD_LETTER_QUEUE_URL=$(queue_url "$DEAD_LETTER_QUEUE_NAME")
fi

# Node.js 24 LTS (what the project ships for; Amazon Linux 2023 packages it as nodejs24) and git.
dnf install -y nodejs24 git tar
ln -sf /usr/bin/node-24 /usr/bin/node 2>/dev/null || true
ln -sf /usr/bin/npm-24 /usr/bin/npm 2>/dev/null || true

id wordfreq >/dev/null 2>&1 || useradd --system --home-dir "$INSTALL_DIR" --shell /sbin/nologin wordfreq
rm -rf "$INSTALL_DIR" && mkdir -p "$INSTALL_DIR"
if [ -n "$WORDFREQ_ARTIFACT" ]; then
  aws s3 cp "$WORDFREQ_ARTIFACT" /tmp/wordfreq.tgz --region "$REGION"
  tar xzf /tmp/wordfreq.tgz -C "$INSTALL_DIR"
  (cd "$INSTALL_DIR" && npm ci --omit=dev --ignore-scripts)
else
  git clone --depth 1 --branch "$WORDFREQ_GIT_REF" "$WORDFREQ_GIT_URL" "$INSTALL_DIR"
  (cd "$INSTALL_DIR" && npm ci && npx turbo run build --filter=@wordfreq/runtime-ec2...)
fi
chown -R root:root "$INSTALL_DIR"

# The worker's environment: read by the unit, readable by the worker's group only.
mkdir -p /etc/wordfreq
cat > /etc/wordfreq/worker.env <<ENV
AWS_REGION=${REGION}
WORKER_QUEUE_URL=${WORKER_QUEUE_URL}
WORKER_RESULT_QUEUE_URL=${WORKER_RESULT_QUEUE_URL}
WORKER_RESULT_TABLENAME=${RESULT_TABLE}
WORKER_DEAD_LETTER_QUEUE_URL=${WORKER_DEAD_LETTER_QUEUE_URL}
WORKER_MESSAGE_VISIBILITY=${WORKER_MESSAGE_VISIBILITY}
WORKER_COUNT=${WORKER_COUNT}
WORKER_JOB_DELAY_SECONDS=${WORKER_JOB_DELAY_SECONDS}
WORKER_GRACE_SECONDS=${WORKER_GRACE_SECONDS}
WORKER_ID=${INSTANCE_ID}
ENV
chown root:wordfreq /etc/wordfreq/worker.env
chmod 0640 /etc/wordfreq/worker.env

# The unit ships in the package; point its --health-port at the configured port.
sed "s/--health-port 8080/--health-port ${HEALTH_PORT}/" \
  "$INSTALL_DIR/packages/runtime-ec2/deploy/wordfreq-worker.service" > /etc/systemd/system/wordfreq-worker.service
systemctl daemon-reload
systemctl enable --now wordfreq-worker.service

# Fail the boot (and so the ASG health check) early if the worker does not come up healthy.
for _ in $(seq 1 30); do
  if curl -fsS "http://127.0.0.1:${HEALTH_PORT}/health" >/dev/null; then
    echo "wordfreq worker is healthy"
    exit 0
  fi
  sleep 2
done
echo "wordfreq worker did not become healthy; see: journalctl -u wordfreq-worker" >&2
journalctl -u wordfreq-worker --no-pager -n 50 >&2 || true
exit 1
