/**
 * The local demo's page in a real browser: `npm run demo` as a child process, its page opened in
 * headless Chromium (the binary shipped inside the npm package `@sparticuz/chromium`, driven by
 * playwright-core: no system package needed), and the page, on another origin than the API,
 * reading the trace id of a 500 from its `X-Trace-Id` header, which a cross-origin script can
 * only read when CORS exposes it.
 *
 * DEMO_PAGE_SCREENSHOT=/tmp/demo-page.png saves a screenshot of the page after the /boom click.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Chromium from '@sparticuz/chromium';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

const dir = mkdtempSync(join(tmpdir(), 'len-browser-'));
const logFile = join(dir, 'logs.jsonl');

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let executablePath: string;
let apiBase: string;
let pageUrl: string;
let output = '';
const pageErrors: string[] = [];

/** The major version of `@sparticuz/chromium`, which is the major version of the Chromium it ships. */
const packagedMajor = (): string => {
  const entry = createRequire(import.meta.url).resolve('@sparticuz/chromium');
  const manifest = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'));
  return String(manifest.version).split('.')[0] ?? '';
};

/**
 * Unpacks the packaged Chromium into this run's own directory. The package unpacks into
 * `os.tmpdir()` and reuses whatever `chromium` it finds there, so with the shared /tmp a run
 * could start a binary another run is still writing, or a stale one of another version.
 */
const unpackChromium = async (): Promise<string> => {
  const target = join(dir, 'chromium-bin');
  mkdirSync(target);
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = target;
  try {
    return await Chromium.executablePath();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
};

beforeAll(async () => {
  executablePath = await unpackChromium();
  server = spawn('npm', ['run', 'demo'], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: '0', PAGE_PORT: '0', DEMO_LOG_FILE: logFile },
    // Its own process group: npm runs tsx, which runs node; the group is stopped as a whole.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const child = server;
  [apiBase, pageUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`No banner in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const api = /listening on (http:\/\/127\.0\.0\.1:[1-9]\d*)/.exec(output)?.[1];
      const page = /Page: (http:\/\/127\.0\.0\.1:[1-9]\d*\/)/.exec(output)?.[1];
      if (api !== undefined && page !== undefined) {
        clearTimeout(timer);
        resolve([api, page]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
  });
  // The package's flags, less `--disable-web-security`: with it the browser ignores CORS, which
  // is what these tests are about.
  const args = Chromium.args.filter((flag) => flag !== '--disable-web-security');
  browser = await chromium.launch({ executablePath, args, headless: true });
  page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(pageUrl);
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid !== undefined) {
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

const text = async (id: string) => ((await page.locator(`#${id}`).textContent()) ?? '').trim();

/** What a script in the page sees of a cross-origin `fetch`. */
const fetchInPage = (url: string) =>
  page.evaluate(async (target) => {
    const response = await fetch(target);
    return {
      status: response.status,
      traceId: response.headers.get('X-Trace-Id'),
      requestId: response.headers.get('X-Request-Id'),
      retryAfter: response.headers.get('Retry-After'),
      body: (await response.json()) as Record<string, unknown>,
    };
  }, url);

describe('the demo page, in headless Chromium', () => {
  it('runs the Chromium shipped in @sparticuz/chromium, not a system one', () => {
    expect(executablePath).toBe(join(dir, 'chromium-bin', 'chromium'));
    expect(executablePath).not.toBe('/usr/bin/chromium');
    expect(browser?.version().split('.')[0]).toBe(packagedMajor());
  });

  it('is served from another origin than the API', async () => {
    expect(new URL(pageUrl).origin).not.toBe(new URL(apiBase).origin);
    expect(await text('page-origin')).toBe(new URL(pageUrl).origin);
    for (const path of ['/boom', '/missing', '/throttled', '/ok']) {
      await expect(
        page.getByRole('button', { name: `GET ${path}`, exact: true }).count(),
      ).resolves.toBe(1);
    }
  });

  it('reads the trace id of a 500 from the X-Trace-Id header, cross-origin', async () => {
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.url() === `${apiBase}/boom`),
      page.getByRole('button', { name: 'GET /boom', exact: true }).click(),
    ]);
    await page.locator('#result[data-state="done"]').waitFor();

    expect(await text('status')).toBe('500');
    expect(await text('error')).toBe('internal_server_error');
    expect(await text('message')).toBe('An internal error occurred.');
    const headerTraceId = await text('header-trace-id');
    expect(headerTraceId).toMatch(TRACE_ID);
    expect(await text('body-trace-id')).toBe(headerTraceId);
    expect(await text('logs-command')).toBe(
      `npm run logs -- ${headerTraceId} --file ${JSON.stringify(logFile)}`,
    );

    // The browser's own view of the answer: the CORS headers that let the page read it.
    expect(response.status()).toBe(500);
    const headers = response.headers();
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['access-control-expose-headers']).toContain('X-Trace-Id');
    expect(headers['x-trace-id']).toBe(headerTraceId);
    const request = await response.request().allHeaders();
    expect(request.origin).toBe(new URL(pageUrl).origin);

    const screenshot = process.env.DEMO_PAGE_SCREENSHOT;
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('lists the error groups with counts and links a group to its latest request', async () => {
    const traceIds: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      await page.getByRole('button', { name: 'GET /boom', exact: true }).click();
      await page.locator('#result[data-state="done"]').waitFor();
      traceIds.push(await text('header-trace-id'));
    }
    await page.getByRole('button', { name: 'Refresh', exact: true }).click();
    await page.locator('#groups[data-state="done"]').waitFor();
    const boomLines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(
        (line) => line.includes('"status":500') && line.includes('error-normalizer-demo-boom'),
      );
    const [fingerprint] = new Set(boomLines.map((line) => JSON.parse(line).fingerprint as string));
    const row = page.locator(`#groups tr[data-fingerprint="${fingerprint}"]`);
    expect(await row.count()).toBe(1);
    const cells = (await row.locator('td').allTextContents()).map((cell) => cell.trim());
    expect(cells.slice(0, 3)).toEqual([String(boomLines.length), '500', 'internal_server_error']);
    expect(boomLines.length).toBeGreaterThanOrEqual(2);
    await row.getByRole('button', { name: 'latest request' }).click();
    expect(await text('body-trace-id')).toBe(traceIds.at(-1));
    expect(await text('logs-command')).toBe(
      `npm run logs -- ${traceIds.at(-1)} --file ${JSON.stringify(logFile)}`,
    );
    expect(pageErrors).toEqual([]);
  });

  it('lets a script read the ids and Retry-After of errors, and the gateway 404', async () => {
    const boom = await fetchInPage(`${apiBase}/boom`);
    expect(boom.status).toBe(500);
    expect(boom.traceId).toMatch(TRACE_ID);
    expect(boom.traceId).toBe(boom.body.traceId);
    expect(boom.requestId).toBe(boom.body.requestId);

    const throttled = await fetchInPage(`${apiBase}/throttled`);
    expect(throttled.status).toBe(503);
    expect(throttled.retryAfter).toBe('1');

    // The server's own 404 carries CORS headers too: without them this fetch would throw.
    const unknown = await fetchInPage(`${apiBase}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: 'not_found' });
    expect(unknown.body.traceId).toMatch(TRACE_ID);
  });
});
