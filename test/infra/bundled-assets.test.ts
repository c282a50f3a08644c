/**
 * The code that would be deployed, run as Lambda would run it: the real `cdk synth demo`
 * (tsx app, local esbuild, no Docker), then each route's bundled `index.mjs` is imported from
 * its asset directory and invoked with an API Gateway REST event and a Lambda-like context.
 *
 * Tracer stays disabled: it only turns on inside Lambda (`AWS_EXECUTION_ENV`), which this
 * process is not, so nothing tries to reach an X-Ray daemon.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../infra/handlers/routes.js';
import { ESM_REQUIRE_BANNER } from '../../infra/route-function.js';
import {
  cdkSynthDemo,
  type DeployedFunction,
  demoRouteFunctions,
  readSynth,
} from '../support/cdk-assets.js';
import { captureOutput, fixture, lambdaContext, newTrace, repoRoot } from '../support/lambda.js';

const run = promisify(execFile);

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface DeployedRoute {
  /** Lambda logical id, for messages. */
  functionId: string;
  timeoutSeconds: number;
  /** Absolute path of the bundled entry. */
  entry: string;
  /** The function's environment variables, as Lambda will set them. */
  environment: Record<string, string>;
}

// Outside Lambda, on purpose (see the header comment).
delete process.env.AWS_EXECUTION_ENV;
delete process.env.AWS_LAMBDA_FUNCTION_NAME;

let outdir: string;
let synthOutput: string;
const deployed = new Map<string, DeployedRoute>();

beforeAll(async () => {
  // Inside the repository (cdk.out is git- and biome-ignored), like a developer's own synth.
  await mkdir(path.join(repoRoot, 'cdk.out'), { recursive: true });
  outdir = await mkdtemp(path.join(repoRoot, 'cdk.out', 'bundled-assets-test-'));
  const { stdout, stderr } = await cdkSynthDemo(outdir, 170_000);
  synthOutput = `${stdout}\n${stderr}`;

  const functions = demoRouteFunctions(outdir, await readSynth(outdir, 'demo'));
  for (const route of routes) {
    const fn = functions[route.path] as DeployedFunction;
    const [file, exported] = fn.handler.split('.');
    deployed.set(route.path, {
      functionId: fn.functionId,
      timeoutSeconds: fn.timeoutSeconds,
      entry: path.join(fn.taskRoot, `${file}.mjs`),
      environment: fn.environment,
    });
    expect(exported).toBe('handler');
  }
}, 180_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
  // cdk.out itself only if this left it empty (rmdir refuses a non-empty directory).
  await rmdir(path.join(repoRoot, 'cdk.out')).catch(() => {});
});

describe('cdk synth demo (real bundling)', () => {
  it('bundled with the local esbuild, never Docker', () => {
    expect(synthOutput).not.toMatch(/docker/i);
  });

  it('left no cdk-nag finding in the validation report', async () => {
    const report = JSON.parse(
      await readFile(path.join(outdir, 'validation-report.json'), 'utf8').catch(() => '{}'),
    ) as { pluginReports?: { violations?: unknown[] }[] };
    expect((report.pluginReports ?? []).flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it.each(routes.map((route) => route.path))(
    '%s is a self-contained ESM bundle with the createRequire banner',
    async (routePath) => {
      const code = await readFile((deployed.get(routePath) as DeployedRoute).entry, 'utf8');
      expect(code.startsWith(ESM_REQUIRE_BANNER)).toBe(true);
      // Every static import is a Node built-in: nothing is left to resolve at runtime. Static
      // imports start a statement; `from "..."` inside the bundled JSDoc comments is no import.
      const specifiers = [
        ...code.matchAll(/(?:^|;)\s*import\s*(?:[^;'"]*?\bfrom\s*)?["']([^"']+)["']/gm),
      ].map((m) => m[1]);
      expect(specifiers).toContain('module');
      expect(specifiers.filter((s) => !s?.startsWith('node:') && s !== 'module')).toEqual([]);
    },
  );
});

describe('bundled handlers answer with the contract', () => {
  it.each(routes.map((route) => [route.path, route.status] as const))(
    'GET %s answers %i',
    async (routePath, status) => {
      const route = deployed.get(routePath) as DeployedRoute;
      // Through vitest's module runner, which keeps ESM semantics (import.meta.url included).
      const { handler } = (await import(pathToFileURL(route.entry).href)) as { handler: Handler };

      const { root, header } = newTrace();
      process.env._X_AMZN_TRACE_ID = header;
      // /slow must reach its deadline quickly; the others get their configured timeout.
      const remainingMs = routePath === '/slow' ? 1_500 : route.timeoutSeconds * 1_000;
      const context = lambdaContext({ functionName: route.functionId, remainingMs });

      const output = captureOutput();
      const result = await handler(fixture('apigw-request.json'), context).finally(output.restore);
      const lines = output.logs();

      expect(result.statusCode).toBe(status);
      if (status < 400) {
        expect(JSON.parse(result.body)).toEqual({ ok: true });
        return;
      }
      const body = JSON.parse(result.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['error', 'message', 'requestId', 'traceId']);
      expect(body).toEqual({
        error: expect.stringMatching(/^[a-z]+(_[a-z]+)*$/),
        message: expect.any(String),
        traceId: root,
        requestId: context.awsRequestId,
      });
      expect(result.headers).toMatchObject({
        'Content-Type': 'application/json',
        'Cache-Control': 'no-store',
        'X-Trace-Id': root,
        'X-Request-Id': context.awsRequestId,
      });
      // The secret in /boom's error message reaches neither the client nor the log.
      expect(result.body).not.toContain('s3cr3t');

      // The line the saved Logs Insights query finds: the middleware's, with both trace fields.
      const incident = lines.find((line) => (line as { traceId?: unknown }).traceId === root) as
        | Record<string, unknown>
        | undefined;
      expect(incident, JSON.stringify(lines)).toBeDefined();
      expect(incident).toMatchObject({
        level: status >= 500 ? 'ERROR' : 'WARN',
        xray_trace_id: root,
        requestId: context.awsRequestId,
        status,
        code: body.error,
      });
      expect(JSON.stringify(lines)).not.toContain('s3cr3t');
    },
  );
});

/**
 * A new Lambda environment's first error, in a child process with the function's own
 * environment (NODE_OPTIONS included): its stack must not be resolved through a source map.
 * `--enable-source-maps` made that first `Error.stack` read parse the map, 0.1-0.4 s of CPU at
 * 256 MB, which pushed /slow's 504 past the function's deadline (a 502 on AWS).
 */
describe('a first error in a new environment', () => {
  const firstInvocation = `
    const { handler } = await import(process.env.BUNDLE_URL);
    const event = JSON.parse(process.env.EVENT);
    const context = { awsRequestId: 'first-request', functionName: 'BoomFunction',
      getRemainingTimeInMillis: () => 10_000 };
    const result = await handler(event, context);
    console.log(JSON.stringify({ answered: result.statusCode }));
  `;

  it('logs a stack of the bundle as deployed: no source map read, readable positions', async () => {
    const route = deployed.get('/boom') as DeployedRoute;
    const { NODE_OPTIONS: _ours, ...inherited } = process.env;
    const { stdout, stderr } = await run(
      process.execPath,
      ['--input-type=module', '--eval', firstInvocation],
      {
        env: {
          ...inherited,
          ...route.environment,
          BUNDLE_URL: pathToFileURL(route.entry).href,
          EVENT: JSON.stringify(fixture('apigw-request.json')),
        },
        timeout: 20_000,
      },
    );
    const lines = `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toContainEqual({ answered: 500 });
    // The ERROR line, not the metrics (EMF) line that carries the same `code` dimension.
    const incident = lines.find(
      (line) => line.code === 'internal_server_error' && line.level === 'ERROR',
    ) as {
      error: { stack: string };
    };
    const { stack } = incident.error;

    // Resolved through a source map, the frames would name the TypeScript sources.
    expect(stack).not.toMatch(/\.ts:\d+/);
    const [, line] = stack.match(/index\.mjs:(\d+):\d+/) ?? [];
    expect(line, stack).toBeDefined();
    // The first frame's line of the deployed file is the throw itself, readable as it is.
    const code = (await readFile(route.entry, 'utf8')).split('\n');
    const thrown = code[Number(line) - 1] as string;
    expect(thrown).toContain('throw new Error(');
    expect(thrown.length).toBeLessThan(200);
    expect(stack).toContain('at runRequest (');
    // Nothing left to load a map from, should the flag come back.
    expect(code.some((text) => text.startsWith('//# sourceMappingURL='))).toBe(false);
    expect((await readdir(path.dirname(route.entry))).filter((f) => f.endsWith('.map'))).toEqual(
      [],
    );
  });
});
