#!/usr/bin/env node
// The peer-floor leg: pack the package as npm would publish it, then, for each smoke file in
// smoke/, create a fresh project, install the tarball with exactly the floor version of every
// peer the smoke names (floors read from package.json's own ranges, so the ranges are what is
// tested), and run the smoke with plain Node. A smoke file starts with header comments:
//   // peers: @middy/core @aws-lambda-powertools/tracer@2.35.0   (name: the range's floor;
//                                                                 name@version: a higher floor
//                                                                 another peer forces)
//   // with: typescript@5.9.3 @types/node@22    (other packages the smoke needs, as given)
//   // secret: hunter2    (must appear nowhere in the smoke's stdout or stderr)
// Required peers and the dependencies are always installed at their floors.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkTarball } from './tarball.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
const fixtures = resolve(repo, 'test', 'fixtures', 'aws-events');
const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const only = process.argv.slice(2);

/** The lowest version a range accepts: only `^x.y.z` and `>=x.y.z` are used here. */
const floorOf = (name, range) => {
  const match = /^(?:\^|>=)\s*(\d+\.\d+\.\d+)$/.exec(range.trim());
  if (!match)
    throw new Error(`${name}: range "${range}" has no plain floor (use ^x.y.z or >=x.y.z)`);
  return match[1];
};
const peers = manifest.peerDependencies ?? {};
const optional = manifest.peerDependenciesMeta ?? {};
const baseline = [
  ...Object.entries(manifest.dependencies ?? {}),
  ...Object.entries(peers).filter(([name]) => !optional[name]?.optional),
].map(([name, range]) => [name, floorOf(name, range)]);

/** The peers a smoke file names, each at its floor or at the higher version it asks for. */
const smokePeers = (text, file) => {
  const line = /^\/\/ peers:(.*)$/m.exec(text)?.[1] ?? '';
  return line
    .split(/\s+/)
    .filter(Boolean)
    .map((spec) => {
      const at = spec.lastIndexOf('@');
      const [name, version] = at > 0 ? [spec.slice(0, at), spec.slice(at + 1)] : [spec, undefined];
      if (!(name in peers)) throw new Error(`${file}: ${name} is not a peer of the package`);
      const floor = floorOf(name, peers[name]);
      if (version !== undefined && version.split('.')[0] !== floor.split('.')[0])
        throw new Error(`${file}: ${name}@${version} is outside ${peers[name]}`);
      return [name, version ?? floor];
    });
};

const run = (command, args, cwd) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const installedVersion = (project, name) =>
  JSON.parse(readFileSync(join(project, 'node_modules', name, 'package.json'), 'utf8')).version;
const indent = (text) => text.replace(/^(?=.)/gm, '    ');

const work = mkdtempSync(join(tmpdir(), 'peer-floor-'));
console.log(
  `== peer floor: node ${process.version}, packing ${manifest.name} (prepack builds dist/)`,
);
run('npm', ['pack', '--silent', '--pack-destination', work], repo);
const tarball = join(
  work,
  readdirSync(work).find((name) => name.endsWith('.tgz')),
);
const problems = checkTarball(tarball, work);
for (const problem of problems) console.log(`FAIL tarball: ${problem}`);
if (problems.length === 0)
  console.log('ok   tarball: no install-time script, every source map resolves');

const smokes = readdirSync(join(here, 'smoke'))
  .filter((name) => name.endsWith('.mjs'))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();
const failed = problems.length > 0 ? ['tarball'] : [];
for (const smoke of smokes) {
  const text = readFileSync(join(here, 'smoke', smoke), 'utf8');
  const wanted = new Map([...baseline, ...smokePeers(text, smoke)]);
  const extra = (/^\/\/ with:(.*)$/m.exec(text)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const specs = [...[...wanted].map(([name, version]) => `${name}@${version}`), ...extra];
  console.log(`== ${smoke}: ${specs.join(' ')}`);
  const project = join(work, smoke.replace(/\.mjs$/, ''));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "private": true, "type": "module" }\n');
  const notes = [];
  try {
    run(
      'npm',
      [
        'install',
        '--no-audit',
        '--no-fund',
        '--strict-peer-deps',
        '--save-exact',
        tarball,
        ...specs,
      ],
      project,
    );
    for (const [name, version] of wanted) {
      const got = installedVersion(project, name);
      if (got !== version) notes.push(`${name} installed at ${got}, not ${version}`);
    }
    for (const [name] of baseline.filter(([name]) => name in (manifest.dependencies ?? {}))) {
      if (existsSync(join(project, 'node_modules', manifest.name, 'node_modules', name)))
        notes.push(`${name}: the package got its own copy instead of the floor one`);
    }
    // The CLI's AWS SDK clients are optional peers: an app that did not ask for one has none
    // (Tracer's X-Ray SDK brings `@aws-sdk/types`, a types-only package: not a client).
    const sdk = join(project, 'node_modules', '@aws-sdk');
    const clients = existsSync(sdk)
      ? readdirSync(sdk).filter((name) => name.startsWith('client-'))
      : [];
    // Asked for: as a peer of the smoke, or among its `with:` packages.
    const askedForSdk = [...wanted.keys(), ...extra].some((name) => name.startsWith('@aws-sdk/'));
    if (!askedForSdk && clients.length > 0)
      notes.push(`AWS SDK clients installed unasked: ${clients.join(', ')}`);
  } catch (error) {
    notes.push(`npm install failed:\n${indent(String(error.stderr ?? error))}`);
  }
  if (notes.length === 0) {
    copyFileSync(join(here, 'kit.mjs'), join(project, 'kit.mjs'));
    copyFileSync(join(here, 'smoke', smoke), join(project, smoke));
    const result = spawnSync(process.execPath, ['--enable-source-maps', smoke], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, FIXTURES_DIR: fixtures, REPO_DIR: repo },
      timeout: 120_000,
    });
    process.stdout.write(indent(result.stdout ?? ''));
    process.stdout.write(indent(result.stderr ?? ''));
    if (result.status !== 0) notes.push(`exited with ${result.status ?? result.signal}`);
    for (const secret of [...text.matchAll(/^\/\/ secret: (.+)$/gm)].map((m) => m[1].trim())) {
      if (`${result.stdout}${result.stderr}`.includes(secret))
        notes.push(`"${secret}" appeared in the output`);
    }
  }
  for (const note of notes) console.log(`FAIL ${smoke}: ${note}`);
  if (notes.length > 0) failed.push(smoke);
}

const passed = smokes.length - failed.filter((name) => name !== 'tarball').length;
console.log(
  failed.length === 0
    ? `peer floor: PASSED, ${passed} of ${smokes.length} smoke files at the floor of their peers (node ${process.version})`
    : `peer floor: FAILED (${failed.join(', ')}); ${passed} of ${smokes.length} smoke files passed (node ${process.version})`,
);
process.exitCode = failed.length === 0 ? 0 : 1;
