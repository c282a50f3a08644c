/**
 * The local demo's page: a static HTML page served from a second origin (its own port), whose
 * buttons call the API cross-origin and show the error, the trace id read from the
 * `X-Trace-Id` header (readable only because CORS exposes it) and from the body, and the
 * `npm run logs` command that finds the request's log lines. It also lists the log file's error
 * groups (`/groups.json`, the same grouping as `errors --group`), each linked to its latest request.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readLocalGroups } from '../../src/cli/groups.js';
import { LogFileMissingError } from '../../src/cli/local.js';

export interface PageOptions {
  /** The API's origin, e.g. `http://127.0.0.1:3000`. */
  apiBase: string;
  /** Buttons: route paths and what each shows. */
  routes: readonly { path: string; shows: string }[];
  /** Appended to `npm run logs -- <traceId>`, e.g. ` --file "/tmp/logs.jsonl"`. */
  logsSuffix?: string;
  /** The demo's log file, grouped by fingerprint for the page's list of error groups. */
  logFile?: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** A value as a JavaScript literal that is safe inside `<script>`. */
const scriptLiteral = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The page, with its inline script. */
export const renderPage = ({
  apiBase,
  routes,
  logsSuffix = '',
}: PageOptions): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>lambda-error-normalizer demo</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
  code, dd { font-family: ui-monospace, monospace; }
  ul { list-style: none; padding: 0; }
  li { margin: .3rem 0; }
  button { font: inherit; font-family: ui-monospace, monospace; min-width: 11rem; cursor: pointer; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem; padding: 1rem; background: #f4f4f4; border-radius: 6px; }
  dt { font-weight: 600; }
  dd { margin: 0; overflow-wrap: anywhere; }
  .muted { color: #777; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
</style>
</head>
<body>
<h1>lambda-error-normalizer demo</h1>
<p>This page is served from <code id="page-origin"></code>; the API is another origin,
<code>${escapeHtml(apiBase)}</code>. Each button <code>fetch</code>es a route cross-origin.</p>
<ul>
${routes
  .map(
    (route) =>
      `  <li><button type="button" data-path="${escapeHtml(route.path)}">GET ${escapeHtml(route.path)}</button> <span class="muted">${escapeHtml(route.shows)}</span></li>`,
  )
  .join('\n')}
</ul>
<dl id="result" data-state="idle">
  <dt>Request</dt><dd id="request">click a button</dd>
  <dt>Status</dt><dd id="status"></dd>
  <dt>error</dt><dd id="error"></dd>
  <dt>message</dt><dd id="message"></dd>
  <dt>X-Trace-Id header</dt><dd id="header-trace-id"></dd>
  <dt>traceId in body</dt><dd id="body-trace-id"></dd>
  <dt>Its logs</dt><dd id="logs-command"></dd>
</dl>
<h2>Error groups <button type="button" id="refresh-groups">Refresh</button></h2>
<p class="muted">Every answered error of the log file, one row per fingerprint, most frequent first.</p>
<table id="groups" data-state="idle">
  <thead><tr><th>Count</th><th>Status</th><th>Code</th><th>Message</th><th>Fingerprint</th><th></th></tr></thead>
  <tbody></tbody>
</table>
<script>
const API = ${scriptLiteral(apiBase)};
const LOGS_SUFFIX = ${scriptLiteral(logsSuffix)};
const $ = (id) => document.getElementById(id);
$('page-origin').textContent = location.origin;

const show = (fields) => {
  for (const id of ['request', 'status', 'error', 'message', 'header-trace-id', 'body-trace-id', 'logs-command']) {
    $(id).textContent = fields[id] ?? '';
  }
};

const call = async (path) => {
  $('result').dataset.state = 'loading';
  show({ request: 'GET ' + API + path, status: '…' });
  try {
    const response = await fetch(API + path);
    const text = await response.text();
    let body = {};
    try { body = JSON.parse(text); } catch { body = {}; }
    // Without Access-Control-Expose-Headers, a cross-origin script reads null here.
    const headerTraceId = response.headers.get('X-Trace-Id');
    const traceId = headerTraceId ?? body.traceId;
    show({
      request: 'GET ' + API + path,
      status: String(response.status),
      error: body.error ?? '—',
      message: body.message ?? '—',
      'header-trace-id': headerTraceId ?? '(none readable)',
      'body-trace-id': body.traceId ?? '—',
      'logs-command': traceId ? 'npm run logs -- ' + traceId + LOGS_SUFFIX : '—',
    });
  } catch (error) {
    // A CORS refusal surfaces as a TypeError with no details, by design.
    show({ request: 'GET ' + API + path, status: 'network error', error: String(error) });
  }
  $('result').dataset.state = 'done';
};

const cell = (row, text) => {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
};

// Rows are built with textContent: a logged message never becomes markup.
const loadGroups = async () => {
  $('groups').dataset.state = 'loading';
  const body = $('groups').querySelector('tbody');
  try {
    const groups = await (await fetch('/groups.json', { cache: 'no-store' })).json();
    body.replaceChildren();
    for (const group of groups) {
      const row = document.createElement('tr');
      row.dataset.fingerprint = group.fingerprint;
      for (const text of [String(group.count), String(group.status), group.code, group.message, group.fingerprint]) cell(row, text);
      const link = document.createElement('button');
      link.type = 'button';
      link.textContent = 'latest request';
      link.disabled = !group.traceId;
      link.addEventListener('click', () =>
        show({
          request: 'latest request of group ' + group.fingerprint + ' (' + group.count + ' errors)',
          status: String(group.status),
          error: group.code,
          message: group.message,
          'body-trace-id': group.traceId,
          'logs-command': 'npm run logs -- ' + group.traceId + LOGS_SUFFIX,
        }),
      );
      const last = document.createElement('td');
      last.append(link);
      row.append(last);
      body.append(row);
    }
  } catch (error) {
    body.replaceChildren();
  }
  $('groups').dataset.state = 'done';
};

for (const button of document.querySelectorAll('button[data-path]')) {
  button.addEventListener('click', () => call(button.dataset.path).then(loadGroups));
}
$('refresh-groups').addEventListener('click', loadGroups);
loadGroups();
</script>
</body>
</html>
`;

/**
 * Serves the page on `host:port` (0 picks a free port); resolves with the listening server,
 * rejects with the listen error (e.g. `EADDRINUSE`).
 */
export const servePage = (options: PageOptions, port: number, host: string): Promise<Server> => {
  const html = renderPage(options);
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/groups.json') {
      // The whole file: the demo's log starts with the demo, so every group is "new" to it.
      const file = options.logFile;
      const groups =
        file === undefined
          ? Promise.resolve([])
          : readLocalGroups(file, { sinceMs: 0, baselineMs: 0 });
      groups
        .catch((error: unknown) => {
          if (error instanceof LogFileMissingError) return [];
          throw error;
        })
        .then(
          (list) => {
            res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
            res.end(JSON.stringify(list));
          },
          () => {
            res.writeHead(500, { 'Content-Type': 'application/json' });
            res.end('[]');
          },
        );
      return;
    }
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Length': Buffer.byteLength(html),
      });
      res.end(html);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('Not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
};

/** The page's URL. */
export const pageUrl = (server: Server): string => {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address}:${port}/`;
};
