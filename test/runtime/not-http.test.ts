/**
 * What is not a proxy request, inside `aws-lambda-ric`: every authorizer and non-HTTP fixture
 * sent as is to the demo's `/boom` and `/missing` bundles. The runtime client must receive the
 * handler's own error, unchanged (it posts it to `/invocation/{id}/error`, and Lambda retries,
 * dead-letters or turns an authorizer's `Unauthorized` into a 401 from there), and the
 * middleware must write no incident line of its own for it.
 */
import { describe, expect, inject, it } from 'vitest';
import { loadEvent, rethrownKeys } from '../integration/event-kinds.table.js';
import { withFunction } from './support/harness.js';

type Json = Record<string, unknown>;

const functions = inject('demoFunctions');

/** What each bundle throws, as the runtime client reports an uncaught error. */
const thrownBy: Record<string, { errorType: string; errorMessage: string }> = {
  '/boom': {
    errorType: 'Error',
    errorMessage:
      'Report query failed on postgres://report:s3cr3t-pa55@db.internal:5432/reports: relation "reports" does not exist',
  },
  '/missing': { errorType: 'NotFoundError', errorMessage: 'No widget with id 42' },
};

/** Plus a direct invoke with an empty payload and one with a bare value. */
const events: [string, unknown][] = [
  ...rethrownKeys.map((key): [string, unknown] => [key, loadEvent(key)]),
  ['direct invoke {}', {}],
  ['direct invoke "ping"', 'ping'],
];

describe.each(Object.keys(thrownBy))('%s, sent what is not a proxy request', (routePath) => {
  it(`reaches the runtime client as the handler's own error (${events.length} events)`, async () => {
    const fn = functions[routePath];
    if (fn === undefined) throw new Error(`${routePath} was not synthesized`);
    const expected = thrownBy[routePath] as (typeof thrownBy)[string];
    await withFunction(fn, undefined, async ({ api, instance, invoke }) => {
      const roots: string[] = [];
      for (const [name, event] of events) {
        const { root, outcome } = await invoke(event, undefined, true);
        roots.push(root);
        expect(outcome.kind, name).toBe('error');
        expect(JSON.parse(outcome.body.toString('utf8')), name).toMatchObject(expected);
      }
      expect(api.initErrors).toEqual([]);
      // The runtime client logs each error itself ("Invoke Error"); the middleware adds none.
      await instance.settle(
        (lines: Json[]) => lines.filter((line) => line.level === 'ERROR').length >= events.length,
      );
      const lines = instance.json();
      expect(lines.filter((line) => line.level === 'ERROR').length).toBe(events.length);
      const incidents = lines.filter((line) => roots.includes(line.traceId as string));
      expect(incidents).toEqual([]);
      expect(lines.filter((line) => '_aws' in line)).toEqual([]);
    });
  });
});
