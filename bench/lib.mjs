// Process and HTTP helpers shared by the benchmark cases.
import { spawn } from 'node:child_process';

export { freePort } from '../scripts/test-support.mjs';

/**
 * Spawns `node <args>` and resolves once `readyUrl` answers 2xx. Rejects with the child's output if it exits first
 * or is not ready within 30 s.
 */
export async function startNode(name, args, { env = {}, cwd, readyUrl }) {
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-10_000);
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready at ${readyUrl} within 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, stop, output: () => output };
}

/** Percentile (0-100) of a list of numbers, nearest-rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** Throws with the problem body when a response is not the expected status. */
export async function expectStatus(response, status, what) {
  if (response.status !== status) {
    const text = await response.text().catch(() => '');
    throw new Error(`${what}: expected ${status}, got ${response.status} ${text}`);
  }
}
