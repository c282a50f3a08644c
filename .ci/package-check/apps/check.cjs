// What every app checks of one answered REST event, in plain Node (CommonJS, so that ESM and
// CommonJS apps can both load it): the contract's status, body and headers, the trace id from
// `_X_AMZN_TRACE_ID`, and that the secret of the thrown message reached neither the answer nor
// the log line. Copied beside the app into its fresh project by run.mjs.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';
const SECRET = 'hunter2';

/** The real API Gateway REST event (run.mjs passes the fixtures folder in FIXTURES_DIR). */
const restEvent = () =>
  JSON.parse(readFileSync(join(process.env.FIXTURES_DIR ?? '', 'apigw-request.json'), 'utf8'));

const context = () => ({
  awsRequestId: 'package-check-request',
  functionName: 'package-check',
  getRemainingTimeInMillis: () => 10_000,
});

/**
 * Sets the trace Lambda would, and records what the process writes (Powertools Logger writes
 * ERROR lines to stderr outside Lambda) so the log line can be read back.
 */
const start = () => {
  process.env._X_AMZN_TRACE_ID = `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`;
  const lines = [];
  for (const name of ['stdout', 'stderr']) {
    const stream = process[name];
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => {
      lines.push(String(chunk));
      return write(chunk, ...rest);
    };
  }
  return lines;
};

let failures = 0;
// Written before start() patches the streams, so that the checks' own lines are not read back.
const say = process.stderr.write.bind(process.stderr);
const check = (name, passed, seen) => {
  if (passed) say(`ok   ${name}\n`);
  else {
    failures += 1;
    say(`FAIL ${name}: ${JSON.stringify(seen)}\n`);
  }
};

/** Checks one door's answer; `lines` is what start() recorded since the last check. */
const checkAnswer = (door, result, lines) => {
  const logged = lines.splice(0).join('');
  let body;
  try {
    body = JSON.parse(result.body);
  } catch {
    body = undefined;
  }
  check(`${door}: 500`, result.statusCode === 500, result.statusCode);
  check(
    `${door}: the contract's body`,
    body?.error === 'internal_server_error' &&
      body.traceId === ROOT &&
      body.requestId === 'package-check-request',
    body,
  );
  // Header names in any case: the Router's Web Response lower-cases them.
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  check(`${door}: X-Trace-Id header`, headers['x-trace-id'] === ROOT, result.headers);
  check(
    `${door}: one ERROR line with the trace id`,
    logged.split(`"traceId":"${ROOT}"`).length === 2,
    logged,
  );
  check(`${door}: the secret is nowhere`, !`${result.body}${logged}`.includes(SECRET), logged);
};

process.on('exit', (code) => {
  if (failures > 0 && code === 0) process.exitCode = 1;
});

module.exports = { SECRET, checkAnswer, context, restEvent, start };
