// Timing helpers: in-process runs (wall and CPU time) and child processes measured by GNU time.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Runs `task` `warmup` times untimed, then `runs` times timed; returns its last result and the times. */
export function timeInProcess(task, { warmup = 2, runs = 5 } = {}) {
  let result;
  for (let r = 0; r < warmup; r++) result = task();
  const wall = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    result = task();
    wall.push(performance.now() - t0);
    const used = process.cpuUsage(cpu0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { result, wallMs: wall, cpuMs: cpu };
}

const gnuTime = '/usr/bin/time';

/**
 * Runs a command to completion, timing its wall clock here and its peak RSS with GNU time when
 * available (rusage covers every thread of the process). Resolves to stdout, wall ms and peak RSS in bytes.
 */
export function runProcess(command, args) {
  const rssFile = join(tmpdir(), `wordfreq-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const useTime = existsSync(gnuTime);
  const [file, argv] = useTime ? [gnuTime, ['-o', rssFile, '-f', '%M', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    let err = '';
    child.stdout.on('data', (data) => out.push(data));
    child.stderr.on('data', (data) => (err += data));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      let peakRss = null;
      if (useTime && existsSync(rssFile)) {
        peakRss = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) * 1024;
        rmSync(rssFile, { force: true });
      }
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${err.trim()}`));
      else resolve({ stdout: Buffer.concat(out).toString('utf8'), wallMs, peakRss });
    });
  });
}
