/**
 * The fingerprint recipe: the same failure groups together whatever its variable parts, its
 * invocation or its bundle; another throw site, kind, code or status does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/core/describe-error.js';
import {
  FINGERPRINT_VERSION,
  fingerprintMemo,
  fingerprintOf,
  fingerprintParts,
} from '../../src/core/fingerprint.js';
import { messageTemplate, VARIABLE_PARTS } from '../../src/core/message-template.js';
import { appFrames, throwSite } from '../../src/core/stack-frames.js';
import { withErrorNormalizer } from '../../src/index.js';
import { newLogger } from '../doors/support.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';

const ROOT = '/var/task';
const of = (thrown: unknown, status = 500, code = 'internal_server_error', custom?: never) =>
  fingerprintOf({
    thrown,
    event: {},
    error: describeError(thrown),
    status,
    code,
    root: ROOT,
    custom,
  }).fingerprint;

const withStack = (message: string, stack: string, name = 'Error'): Error => {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}\n${stack}`;
  return error;
};

const SITE_A = `    at findOrder (file:///var/task/src/orders.mjs:10:5)
    at handler (/var/task/src/index.mjs:3:9)
    at runMiddlewares (/var/task/node_modules/@middy/core/index.js:160:21)`;
const SITE_B = `    at findUser (/var/task/src/users.mjs:22:5)
    at handler (/var/task/src/index.mjs:3:9)`;

// Each arbitrary is one kind of variable part, as a message would carry it.
const variableKinds = [
  fc.uuid(),
  fc
    .date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.emailAddress(),
  fc.webUrl(),
  fc.ipV4(),
  fc.nat().map(String),
  fc.stringMatching(/^[0-9a-f]{11}[a-f][0-9]{4}$/),
  fc
    .string({ maxLength: 20 })
    .filter((s) => !/["\n\\]/.test(s))
    .map((s) => `"${s}"`),
];
/** Two values of one kind: the same failure with another id, time, address... */
const samePartTwice = fc.oneof(...variableKinds.map((kind) => fc.tuple(kind, kind)));

describe('message template', () => {
  it('replaces each kind of variable part, first line only', () => {
    expect(
      messageTemplate(
        'user 3f1b2c3d-1111-2222-3333-444455556666 at 2026-12-03T06:25:38.123Z: a@b.io via https://x.y/z?q=1 from 10.0.0.1:443 id deadbeef12 "foo 12" #7\nmore 33',
      ),
    ).toBe('user <uuid> at <time>: <email> via <url> from <ip> id <hex> <value> #<n>');
  });

  it('messages differing only in variable parts share a fingerprint (property)', () => {
    fc.assert(
      fc.property(fc.array(samePartTwice, { minLength: 1, maxLength: 4 }), (pairs) => {
        const left = pairs.map(([a]) => `field ${a} failed`).join(' and ');
        const right = pairs.map(([, b]) => `field ${b} failed`).join(' and ');
        expect(of(withStack(left, SITE_A))).toBe(of(withStack(right, SITE_A)));
      }),
    );
  });

  it('is every replacement run in order, whether or not the line may vary (property)', () => {
    const everyReplacement = (message: string): string => {
      let line = message.split(/\r?\n/)[0]?.slice(0, 1_024) ?? '';
      for (const [pattern, placeholder] of VARIABLE_PARTS)
        line = line.replace(pattern, placeholder);
      return line.replace(/\s+/g, ' ').trim();
    };
    const word = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.stringMatching(/^[a-zA-Z ]{1,16}$/),
      // Variable parts that hold no digit.
      fc.stringMatching(/^[a-f]{8}-[a-f]{4}-[a-f]{4}-[a-f]{4}-[a-f]{12}$/),
      fc.stringMatching(/^(?:[a-f]{1,4}:){2,7}[a-f]{1,4}$/),
      fc.stringMatching(/^(?:'[a-z ]{0,8}'|`[a-z ]{0,8}`)$/),
    );
    const message = fc
      .array(fc.oneof(word, ...variableKinds), { maxLength: 6 })
      .map((parts) => parts.join(' '));
    fc.assert(
      fc.property(message, (text) => {
        expect(messageTemplate(text)).toBe(everyReplacement(text));
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps the words: two messages of one shared helper stay apart', () => {
    expect(of(withStack('order not found', SITE_A))).not.toBe(
      of(withStack('user not found', SITE_A)),
    );
  });
});

describe("a core's memo", () => {
  it('changes no fingerprint: with it, twice, and without it agree (property)', () => {
    const memo = fingerprintMemo();
    const withMemo = (thrown: Error) =>
      fingerprintOf({
        thrown,
        event: {},
        error: describeError(thrown),
        status: 500,
        code: 'internal_server_error',
        root: ROOT,
        memo,
      }).fingerprint;
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(SITE_A, SITE_B),
        fc.constantFrom('Error', 'TypeError'),
        (message, site, name) => {
          const thrown = withStack(message, site, name);
          const first = withMemo(thrown);
          expect(withMemo(thrown)).toBe(first);
          expect(of(thrown)).toBe(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('throw site', () => {
  it('keeps app frames as relative path and name, without lines, node_modules or node:', () => {
    const stack = `Error: x
    at async Object.handler [as h] (file:///var/task/index-AB12CD34.mjs:10:5)
    at new Widget (/var/task/src/widget.js:3:1)
    at /var/task/lib/x.js:9:9
    at processTicksAndRejections (node:internal/process/task_queues:95:5)
    at foo (/var/task/node_modules/a/b.js:1:1)`;
    expect(appFrames(stack, ROOT).map((frame) => frame.path)).toEqual([
      'index.mjs',
      'src/widget.js',
      'lib/x.js',
    ]);
    expect(throwSite(stack, ROOT)).toEqual(['index.mjs#Object.handler', 'src/widget.js#Widget']);
  });

  it('reads Windows paths: backslashes, node_modules skipped, relative to the root', () => {
    const stack = `Error: x
    at handler (C:\\app\\src\\handler.js:10:5)
    at dep (C:\\app\\node_modules\\lib\\index.js:1:1)
    at mixed (C:/app/node_modules\\lib\\other.js:1:1)`;
    expect(appFrames(stack, 'C:\\app').map((frame) => frame.path)).toEqual(['src/handler.js']);
  });

  it('uses a line only when no named frame is left', () => {
    expect(
      throwSite(
        'Error: x\n    at /var/task/a.js:9:1\n    at <anonymous> (/var/task/b.js:2:2)',
        ROOT,
      ),
    ).toEqual(['a.js:9']);
    expect(throwSite('Error: x\n    at node:internal/x:1:1', ROOT)).toEqual([]);
  });

  it('moving the throw to another line keeps the fingerprint; another site changes it', () => {
    const moved = SITE_A.replace(':10:5', ':48:13');
    expect(of(withStack('boom', SITE_A))).toBe(of(withStack('boom', moved)));
    expect(of(withStack('boom', SITE_A))).not.toBe(of(withStack('boom', SITE_B)));
  });

  it('different throw sites never share a fingerprint (property)', () => {
    const name = fc.stringMatching(/^[a-zA-Z_$][\w$]{0,15}$/);
    fc.assert(
      fc.property(name, name, fc.nat(999), fc.nat(999), (a, b, lineA, lineB) => {
        fc.pre(a !== b);
        const site = (fn: string, line: number) => `    at ${fn} (/var/task/src/app.mjs:${line}:1)`;
        expect(of(withStack('boom', site(a, lineA)))).not.toBe(
          of(withStack('boom', site(b, lineB))),
        );
      }),
    );
  });
});

describe('kind', () => {
  it('class name, string code, status, answered code and cause names are inputs of their own', () => {
    const base = of(withStack('upstream failed', SITE_A));
    expect(of(withStack('upstream failed', SITE_A, 'TypeError'))).not.toBe(base);
    expect(
      of(Object.assign(withStack('upstream failed', SITE_A), { code: 'ECONNRESET' })),
    ).not.toBe(base);
    expect(of(withStack('upstream failed', SITE_A), 502, 'bad_gateway')).not.toBe(
      of(withStack('upstream failed', SITE_A), 503, 'bad_gateway'),
    );
    expect(of(withStack('upstream failed', SITE_A), 500, 'other')).not.toBe(base);
    const caused = withStack('upstream failed', SITE_A);
    caused.cause = new RangeError('r');
    expect(of(caused)).not.toBe(base);
    expect(fingerprintParts(describeError(caused), { status: 500, code: 'x' }, ROOT)).toContain(
      'causes=RangeError',
    );
  });

  it('is 16 hex characters, for any thrown value', () => {
    fc.assert(
      fc.property(fc.anything(), (thrown) => {
        expect(of(thrown)).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });
});

describe('overrides', () => {
  it('the option wins, then the error property; {{ default }} expands to the recipe', () => {
    const error = Object.assign(withStack('boom', SITE_A), { fingerprint: ['checkout'] });
    const input = {
      thrown: error,
      event: {},
      error: describeError(error),
      status: 500,
      code: 'c',
      root: ROOT,
    };
    const own = fingerprintOf(input).fingerprint;
    expect(own).toBe(fingerprintOf({ ...input, thrown: { fingerprint: 'checkout' } }).fingerprint);
    expect(fingerprintOf({ ...input, custom: () => 'mine' }).fingerprint).not.toBe(own);
    expect(fingerprintOf({ ...input, custom: () => undefined }).fingerprint).toBe(own);
    const plain = { ...input, thrown: withStack('boom', SITE_A) };
    expect(fingerprintOf({ ...plain, custom: () => ['{{ default }}', 'eu'] }).fingerprint).not.toBe(
      fingerprintOf(plain).fingerprint,
    );
  });

  it('an option that throws or answers junk falls back to the default, saying why', () => {
    const thrown = withStack('boom', SITE_A);
    const input = {
      thrown,
      event: {},
      error: describeError(thrown),
      status: 500,
      code: 'c',
      root: ROOT,
    };
    const fallback = fingerprintOf(input).fingerprint;
    const threw = fingerprintOf({
      ...input,
      custom: () => {
        throw new Error('nope');
      },
    });
    expect(threw).toEqual({ fingerprint: fallback, problem: 'fingerprint option threw: nope' });
    const junk = fingerprintOf({ ...input, custom: () => [42] as unknown as string[] });
    expect(junk.fingerprint).toBe(fallback);
    expect(junk.problem).toMatch(/non-empty string/);
  });
});

describe('across invocations, concurrent requests and rebuilt bundles', () => {
  const invocation = eachInvocation();
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('one throw site logs one fingerprint across 20 concurrent requests; the hash is never answered', async () => {
    const handler = withErrorNormalizer(
      async (event: { queryStringParameters?: { id?: string } | null }) => {
        throw new Error(`order ${event.queryStringParameters?.id ?? ''} not found`);
      },
      { logger: newLogger() },
    );
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) => {
        const event = fixture('apigw-request.json');
        event.queryStringParameters = { id: String(1000 + index) };
        return handler(event, lambdaContext());
      }),
    );
    const lines = invocation.output.logs('ERROR');
    expect(lines).toHaveLength(20);
    expect(new Set(lines.map((line) => line.fingerprint)).size).toBe(1);
    expect(lines[0]?.fingerprintVersion).toBe(FINGERPRINT_VERSION);
    for (const answer of answers)
      expect(JSON.stringify(answer)).not.toContain(String(lines[0]?.fingerprint));
  });

  it('two esbuild bundles rebuilt from the same source give the same fingerprint', async () => {
    const source = `export const run = () => { const findOrder = (id) => { throw new Error('order ' + id + ' not found'); }; return findOrder(Math.floor(Math.random() * 1e6)); };`;
    const fingerprints: string[] = [];
    for (const name of ['one', 'two']) {
      const dir = mkdtempSync(join(tmpdir(), `fp-${name}-`));
      dirs.push(dir);
      const result = await build({
        stdin: { contents: source, loader: 'js' },
        bundle: true,
        format: 'esm',
        platform: 'node',
        outdir: dir,
        entryNames: 'index-[hash]',
        write: true,
        metafile: true,
      });
      const [out = ''] = Object.keys(result.metafile.outputs);
      const bundle = (await import(pathToFileURL(join(process.cwd(), out)).href)) as {
        run: () => void;
      };
      try {
        bundle.run();
      } catch (thrown) {
        fingerprints.push(
          fingerprintOf({
            thrown,
            event: {},
            error: describeError(thrown),
            status: 500,
            code: 'c',
            root: dir,
          }).fingerprint,
        );
        expect(throwSite((thrown as Error).stack ?? '', dir)[0]).toBe('index.js#findOrder');
      }
    }
    expect(fingerprints).toHaveLength(2);
    expect(fingerprints[0]).toBe(fingerprints[1]);
  });
});
