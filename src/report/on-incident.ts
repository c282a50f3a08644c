/**
 * The `onIncident` hook: the app's own forwarding of a failure (to its tracker, chat, event
 * bus). The hook runs after the failure is logged and traced, on a copy of the incident, and
 * never changes or loses the answer: a throw, a rejection or a hang is logged once and the
 * answer goes out anyway, at the latest when the hook's time is up.
 */
import type { DescribedError } from '../core/describe-error.js';
import { read } from '../core/read.js';
import { type LogSink, writeLine } from './log-line.js';
import type { Incident } from './types.js';

/**
 * What the app's hook is called with.
 * @example
 * ```ts
 * const forward: IncidentHook = async (incident) => { await bus.send(toPutEvents(incident)); };
 * ```
 */
export type IncidentHook = (incident: Incident, context: unknown) => void | Promise<void>;

/** Longest wait for a hook, whatever the invocation has left. */
export const HOOK_MAX_MS = 3_000;
/** Time kept back from the invocation's remaining time for the answer itself. */
export const HOOK_MARGIN_MS = 500;

/** How long the hook may run: the remaining invocation time less the margin, at most 3 s. */
export const hookBudget = (context: unknown): number => {
  const remaining = read(context, 'getRemainingTimeInMillis');
  if (typeof remaining !== 'function') return HOOK_MAX_MS;
  try {
    const left = Number(remaining.call(context));
    if (!Number.isFinite(left)) return HOOK_MAX_MS;
    return Math.max(0, Math.min(HOOK_MAX_MS, left - HOOK_MARGIN_MS));
  } catch {
    return HOOK_MAX_MS;
  }
};

/** What the hook's failure line needs. */
export interface HookReport extends LogSink {
  /** Describes and redacts the hook's own error, as every logged error is. */
  describe: (thrown: unknown) => DescribedError;
}

const said = (to: HookReport, incident: Incident, what: string, error?: DescribedError): void =>
  // No `status`/`code`: the CLI and the dashboards count answered errors, and this is not one.
  writeLine(to, 'WARN', `onIncident hook ${what}; the answer went out unchanged`, {
    hook: 'onIncident',
    fingerprint: incident.fingerprint,
    traceId: incident.traceId,
    requestId: incident.requestId,
    ...(error === undefined ? {} : { hookError: error }),
  });

/**
 * Calls `hook` with a copy of `incident`. Resolves when the hook settles or its budget is
 * spent, whichever comes first; never rejects. Its failure is logged once: the throw, the
 * rejection, or that it did not settle in time (a later rejection is then ignored).
 */
export const runHook = (
  hook: IncidentHook,
  incident: Incident,
  context: unknown,
  to: HookReport,
): Promise<void> => {
  let running: unknown;
  try {
    running = hook(structuredClone(incident), context);
  } catch (thrown) {
    said(to, incident, 'threw', to.describe(thrown));
    return Promise.resolve();
  }
  if (typeof read(running, 'then') !== 'function') return Promise.resolve();
  const budget = hookBudget(context);
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (what?: string, error?: DescribedError) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (what !== undefined) said(to, incident, what, error);
      resolve();
    };
    // Unref'd: a hung hook must not keep a test, a script or the runtime's loop alive.
    const timer = setTimeout(() => finish(`did not settle within ${budget} ms`), budget);
    timer.unref?.();
    Promise.resolve(running as PromiseLike<void>).then(
      () => finish(),
      (rejection: unknown) => finish('rejected', to.describe(rejection)),
    );
  });
};
