/**
 * The demo routes: one handler file each, shared by the CDK stack, the local demo and the
 * tests, so the three can never disagree on what the demo serves.
 */
export interface DemoRoute {
  /** URL path, also the handler file name without `/`. */
  path: string;
  /** Status the route answers with. */
  status: number;
  /** What the route shows, for banners and the README. */
  shows: string;
}

export const routes: readonly DemoRoute[] = [
  { path: '/ok', status: 200, shows: 'the success path' },
  { path: '/boom', status: 500, shows: 'an uncaught error holding a secret: generic 500' },
  { path: '/missing', status: 404, shows: 'createError(404): its message is kept' },
  { path: '/upstream', status: 502, shows: 'a refused TCP connection: 502' },
  { path: '/throttled', status: 503, shows: 'an AWS SDK throttling error: 503 + Retry-After' },
  { path: '/slow', status: 504, shows: 'the handler runs past its deadline: 504' },
  { path: '/malformed', status: 500, shows: 'a result API Gateway would reject: 500' },
  { path: '/unsupported', status: 501, shows: 'NotImplementedError: 501, generic message' },
];

/** Handler module name of a route (`/boom` -> `boom`). */
export const handlerName = (route: DemoRoute): string => route.path.slice(1);
