/**
 * What `npm run load` can be asked for (bench/load.ts, bench/load-run.ts): the bounds of one
 * run, their defaults and checks, and the route mix each connection cycles through.
 */
import { routes } from '../infra/handlers/routes.js';

export interface LoadOptions {
  /** Requests in the measured load. */
  requests: number;
  /** Concurrent connections of the measured load. */
  connections: number;
  /** Warm-up requests (10 connections), sent before the "before" memory reading. */
  warmup: number;
  /** /slow requests sent alongside the load, one connection each (0: none). */
  slow: number;
  /** Bound on the whole run (server start, warm-up, load), in seconds. */
  timeLimitSec: number;
  /** Largest accepted growth of the server's heap (after full GCs) over the load, in MiB. */
  heapGrowthLimitMiB: number;
  /** Largest accepted growth of the server's RSS over the load, in MiB. */
  rssGrowthLimitMiB: number;
  /** Keep the temp dir (log file, server console) instead of deleting it. */
  keepFiles: boolean;
  /** Progress lines; silent when undefined. */
  progress?: (line: string) => void;
  /** Called with the server's pid as soon as it is spawned (tests stop it if all else fails). */
  onServerStart?: (pid: number) => void;
}

export const DEFAULT_OPTIONS: Omit<LoadOptions, 'progress' | 'onServerStart'> = {
  requests: 20_000,
  connections: 50,
  warmup: 500,
  slow: 10,
  timeLimitSec: 120,
  heapGrowthLimitMiB: 8,
  rssGrowthLimitMiB: 64,
  keepFiles: false,
};

/**
 * The mix each connection cycles through: 30 % /ok, 70 % errors, every error route of
 * routes.ts but /slow: each /slow takes 3 s, so one per mix cycle would park a connection for
 * 3 s and turn req/s and p99 into a measure of the sleep (a few run alongside instead).
 */
export const MIX: readonly string[] = [
  '/ok',
  '/boom',
  '/missing',
  '/ok',
  '/upstream',
  '/throttled',
  '/ok',
  '/malformed',
  '/boom',
  '/missing',
];

/** Throws on bounds the run cannot honour. */
export const validateOptions = (options: LoadOptions): void => {
  const { requests, connections, warmup, slow, timeLimitSec } = options;
  const integer = (name: string, value: number, min: number) => {
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${name} must be an integer >= ${min}`);
  };
  integer('requests', requests, 1);
  integer('connections', connections, 1);
  integer('warmup', warmup, 0);
  integer('slow', slow, 0);
  if (connections > requests) throw new Error('connections cannot be greater than requests');
  if (!(timeLimitSec > 0)) throw new Error('timeLimitSec must be > 0');
  for (const path of MIX) {
    if (!routes.some((route) => route.path === path))
      throw new Error(`${path} is not a demo route`);
  }
};
