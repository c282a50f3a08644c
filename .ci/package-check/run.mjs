#!/usr/bin/env node
// `npm run check:package`: the package as a user gets it. Packs the tarball, lints it with
// `publint --strict` and `attw` (Are The Types Wrong), then installs it into fresh apps in
// temporary folders (apps/: TypeScript ESM, TypeScript CommonJS, plain JavaScript CommonJS),
// with the peers at the versions of this repository's lock file, type-checks the TypeScript
// ones with `skipLibCheck: false` and runs each against a real API Gateway REST event.
//   --apps cjs-ts,plain-js   only these apps
//   --node /path/to/node     run the apps with this Node (default: this process's)
//   --staged                 build into a temporary copy (leaves dist/ alone; for tests)
//   --no-lint                skip publint and attw
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { packTarball } from './pack.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const { values } = parseArgs({
  options: {
    apps: { type: 'string' },
    node: { type: 'string' },
    staged: { type: 'boolean', default: false },
    'no-lint': { type: 'boolean', default: false },
  },
});
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')).packages;
const locked = (name) => {
  const version = lock[`node_modules/${name}`]?.version;
  if (version === undefined) throw new Error(`${name} is not in package-lock.json`);
  return `${name}@${version}`;
};

/** What each app installs beside the tarball, and how it runs. */
const APPS = {
  'esm-ts': {
    with: [
      '@aws-lambda-powertools/logger',
      '@aws-lambda-powertools/tracer',
      '@middy/core',
      'typescript',
      '@types/node',
      '@types/aws-lambda',
    ],
    typecheck: true,
  },
  // The case: only the wrapper and Logger; no Middy, no Tracer, no @types/aws-lambda.
  'cjs-ts': {
    with: ['@aws-lambda-powertools/logger', 'typescript', '@types/node', '@types/aws-lambda'],
    typecheck: true,
  },
  'plain-js': {
    with: ['@aws-lambda-powertools/logger', '@aws-lambda-powertools/event-handler'],
    typecheck: false,
  },
};
const chosen = values.apps?.split(',') ?? Object.keys(APPS);
for (const app of chosen) if (!(app in APPS)) throw new Error(`no app "${app}" in apps/`);
const node = values.node === undefined ? process.execPath : resolve(values.node);

const run = (command, args, cwd, env = process.env) =>
  execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const failures = [];
/** Runs one step; a failure is recorded with its output, and the next steps still run. */
const step = (name, action) => {
  try {
    const output = action();
    console.log(`ok   ${name}`);
    return output;
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}` || String(error);
    console.log(`FAIL ${name}\n${output.replace(/^(?=.)/gm, '    ')}`);
    failures.push(name);
    return undefined;
  }
};

/**
 * Middy 7's own index.d.ts imports its optional peer `@aws/durable-execution-sdk-js` (which
 * brings the whole Lambda SDK client): every Middy app with `skipLibCheck: false` gets this one
 * error whatever it uses (docs/troubleshooting.md). It alone is set aside, and said; any other
 * error, ours above all, fails the step.
 */
const MIDDY_OWN =
  /^node_modules\/@middy\/core\/index\.d\.ts\(\d+,\d+\): error TS2307: Cannot find module '@aws\/durable-execution-sdk-js'/;
const typecheckApp = (node, tsc, project) => {
  const result = spawnSync(node, [tsc, '-p', '.'], { cwd: project, encoding: 'utf8' });
  const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
  const ours = errors.filter((line) => !MIDDY_OWN.test(line));
  if (result.status !== 0 && (ours.length > 0 || errors.length === 0)) {
    throw Object.assign(new Error('tsc failed'), { stdout: result.stdout, stderr: result.stderr });
  }
  if (errors.length > ours.length)
    console.log('note Middy 7 d.ts: missing @aws/durable-execution-sdk-js (set aside)');
  // tsc emits even with errors (noEmitOnError is off): app.js is there to run.
  return result.stdout;
};

/** Minified esbuild output of `import { isTraceId }` from the installed package. */
const bundledBytes = (project) => {
  const esbuild = join(repo, 'node_modules', '.bin', 'esbuild');
  const out = execFileSync(
    esbuild,
    // The package itself is bundled; only its peers stay external.
    [
      '--bundle',
      '--minify',
      '--format=esm',
      '--platform=node',
      '--external:@aws-lambda-powertools/*',
      '--external:@opentelemetry/*',
      '--external:@middy/*',
    ],
    {
      cwd: project,
      input: "import { isTraceId } from 'lambda-error-normalizer'; export const f = isTraceId;",
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  return Buffer.byteLength(out);
};

const work = mkdtempSync(join(tmpdir(), 'package-check-'));
const nodeVersion = run(node, ['--version'], work).trim();
console.log(`== package check: apps on node ${nodeVersion}, work folder ${work}`);
const tarball = packTarball(repo, work, { staged: values.staged });
console.log(`ok   packed ${tarball}`);

if (!values['no-lint']) {
  const bin = (name) => join(repo, 'node_modules', '.bin', name);
  step('publint --strict', () => run(bin('publint'), ['run', tarball, '--strict'], repo));
  // ESM only, loaded from CommonJS by require(esm): attw's node16-from-CJS row models a Node
  // without it (before 20.19 / 22.12), and node10 resolution knows no subpath exports. Both
  // are outside what the package supports; README.md's "Supported app setups" says so.
  step('attw (profile node16, require(esm) accepted)', () =>
    run(
      bin('attw'),
      [
        tarball,
        '--profile',
        'node16',
        '--ignore-rules',
        'cjs-resolves-to-esm',
        '--format',
        'table-flipped',
      ],
      repo,
    ),
  );
}

for (const app of chosen) {
  const { with: deps, typecheck } = APPS[app];
  const project = join(work, app);
  cpSync(join(here, 'apps', app), project, { recursive: true });
  copyFileSync(join(here, 'apps', 'check.cjs'), join(project, 'check.cjs'));
  const installed = step(`${app}: npm install the tarball, ${deps.join(' ')}`, () =>
    run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...deps.map(locked)],
      project,
    ),
  );
  if (installed === undefined) continue;
  if (typecheck) {
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    if (
      step(`${app}: tsc (strict, skipLibCheck false)`, () => typecheckApp(node, tsc, project)) ===
      undefined
    )
      continue;
  }
  if (app === 'esm-ts') {
    // The published package tree-shakes: one helper from the root bundles alone.
    step('esm-ts: isTraceId alone from the root bundles under 1 KiB (esbuild, minified)', () => {
      const bytes = bundledBytes(project);
      if (bytes >= 1024) throw new Error(`${bytes} bytes`);
      return console.log(`note isTraceId alone: ${bytes} bytes`);
    });
  }
  const env = { ...process.env, FIXTURES_DIR: join(repo, 'test', 'fixtures', 'aws-events') };
  const result = spawnSync(node, ['app.js'], { cwd: project, env, encoding: 'utf8' });
  const said = result.stderr.replace(/^(?=.)/gm, '    ');
  if (result.status === 0) console.log(`ok   ${app}: runs on node ${nodeVersion}\n${said}`);
  else {
    console.log(
      `FAIL ${app}: exit ${result.status} on node ${nodeVersion}\n${said}${result.stdout}`,
    );
    failures.push(app);
  }
}
writeFileSync(join(work, 'result.json'), JSON.stringify({ failures, node: nodeVersion }));
console.log(
  failures.length === 0
    ? '== package check: all good'
    : `== package check: ${failures.length} failed: ${failures.join(', ')}`,
);
process.exitCode = failures.length === 0 ? 0 : 1;
