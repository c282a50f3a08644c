/**
 * The local demo's routes: each route's handler module, loaded in a module graph of its own
 * (./route-hooks.mjs), so that Powertools sees a cold start on the first request of each route,
 * as Lambda runs each function in its own environment.
 *
 * To add a route: add it to infra/handlers/routes.ts with a handler file named after its path
 * (the stack and this table pick it up); a route that needs its own timeout gets it in
 * `timeoutFor` below.
 */
import { register } from 'node:module';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { type DemoRoute, handlerName, routes } from '../handlers/routes.js';

export type DemoHandler = (event: APIGatewayProxyEvent, context: Context) => Promise<unknown>;

/** A route of the demo, ready to invoke. */
export interface LoadedRoute {
  route: DemoRoute;
  /** Handler module name, also the Lambda function's name suffix. */
  name: string;
  handler: DemoHandler;
  /** Function timeout. */
  timeoutMs: number;
}

/** Function timeout: /slow gets a short one so that it runs past it. */
export const timeoutFor = (path: string): number => (path === '/slow' ? 3_000 : 10_000);

/** Loads every route's handler; keyed by path. */
export const loadRoutes = async (): Promise<ReadonlyMap<string, LoadedRoute>> => {
  register('./route-hooks.mjs', import.meta.url);
  const loaded = await Promise.all(
    routes.map(async (route): Promise<[string, LoadedRoute]> => {
      const name = handlerName(route);
      const url = new URL(`../handlers/${name}.js`, import.meta.url);
      url.searchParams.set('route', name);
      const module = (await import(url.href)) as { handler: DemoHandler };
      return [
        route.path,
        { route, name, handler: module.handler, timeoutMs: timeoutFor(route.path) },
      ];
    }),
  );
  return new Map(loaded);
};
