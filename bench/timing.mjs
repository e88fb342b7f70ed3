// Timing a command as the benchmarks report it (no npm packages needed:
// bench/annotations.mjs runs without bench/node_modules).

import fs from 'node:fs';
import { spawnSync } from 'node:child_process';

export const loadavg = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
export const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/**
 * Run a command under /usr/bin/time (when there): wall time, peak RSS, CPU
 * share (user + sys over wall: 200% = both cores), the load average before.
 */
export function timed(cmd, argv) {
  const has = fs.existsSync('/usr/bin/time');
  const load = loadavg();
  const t = performance.now();
  const p = has
    ? spawnSync('/usr/bin/time', ['-f', '@@time maxrss_kb=%M cpu=%P user=%U sys=%S', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  const m = p.stderr?.match(/@@time maxrss_kb=(\d+) cpu=(\d+)%/);
  return {
    status: p.status,
    ms,
    maxRssBytes: m ? Number(m[1]) * 1024 : null,
    cpuPct: m ? Number(m[2]) : null,
    load,
    stdout: p.stdout ?? '',
    stderr: (p.stderr ?? '').replace(/^.*@@time.*$/m, '').trim(),
  };
}

