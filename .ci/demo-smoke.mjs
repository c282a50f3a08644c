#!/usr/bin/env node
// The README's first command, `npm run demo`, run as a newcomer runs it: start it, wait for its
// banner, call /boom, check the answer is the contract (500 with a trace id), find that request's
// lines with `npm run logs`, stop the demo. Ports are picked free (PORT=0), so nothing else on
// the machine is disturbed; every wait is bounded.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const logFile = join(mkdtempSync(join(tmpdir(), 'demo-smoke-')), 'logs.jsonl');
const env = { ...process.env, PORT: '0', PAGE_PORT: '0', DEMO_LOG_FILE: logFile };
// Its own process group, so that stopping it stops npm, tsx and the server together.
const demo = spawn('npm', ['run', '-s', 'demo'], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
const stop = () => {
  try {
    process.kill(-demo.pid, 'SIGINT');
  } catch {
    // Already gone.
  }
};
let output = '';
const fail = (why) => {
  console.error(`demo smoke: ${why}\n--- demo output ---\n${output}`);
  stop();
  process.exit(1);
};
const timer = setTimeout(() => fail('no banner within 60 s'), 60_000);
demo.stderr.on('data', (chunk) => {
  output += chunk;
});

const base = await new Promise((resolve) => {
  demo.stdout.on('data', (chunk) => {
    output += chunk;
    const match = /demo listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (match) resolve(match[1]);
  });
  demo.on('exit', (code) => fail(`the demo exited with ${code} before listening`));
});
clearTimeout(timer);

const response = await fetch(`${base}/boom`, { signal: AbortSignal.timeout(15_000) });
const body = await response.json();
const traceId = response.headers.get('x-trace-id');
if (response.status !== 500) fail(`/boom answered ${response.status}, not 500`);
if (!/^1-[0-9a-f]{8}-[0-9a-f]{24}$/.test(traceId ?? '')) fail(`no trace id header: ${traceId}`);
if (body.traceId !== traceId || body.error !== 'internal_server_error') {
  fail(`body is not the contract: ${JSON.stringify(body)}`);
}
if (JSON.stringify(body).includes('postgres')) fail('the body leaks the internal message');

const logs = spawnSync('npm', ['run', '-s', 'logs', '--', traceId, '--file', logFile], {
  encoding: 'utf8',
  timeout: 60_000,
});
if (logs.status !== 0 || !logs.stdout.includes(traceId)) {
  fail(`npm run logs found nothing for ${traceId}: ${logs.stdout}${logs.stderr}`);
}
demo.removeAllListeners('exit');
stop();
console.log(
  `demo smoke: /boom answered 500 with trace id ${traceId}; npm run logs found its lines`,
);
process.exit(0);
