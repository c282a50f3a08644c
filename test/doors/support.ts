/**
 * The three doors, each invoked the way its users invoke it: a Middy handler, a Powertools
 * Router app resolving the event, and a plain handler wrapped by `withErrorNormalizer`. Results
 * come back in one comparable form: status, lower-cased headers, body bytes.
 */

import { Router } from '@aws-lambda-powertools/event-handler/http';
import { Logger } from '@aws-lambda-powertools/logger';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  type ErrorNormalizerOptions,
  errorNormalizer,
  routerErrorHandler,
  withErrorNormalizer,
} from '../../src/index.js';

export type Door = 'middy' | 'router' | 'wrap';
export const DOORS: readonly Door[] = ['middy', 'router', 'wrap'];

/** A Lambda result in one shape, whatever the door and the event source. */
export interface Answer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

type LambdaResult = {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, Array<string | number | boolean>>;
  body?: string;
};

/** Header names lower-cased (Web `Headers` lower-case them) and multi-value headers joined. */
export const normalize = (result: unknown): Answer => {
  const r = result as LambdaResult;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(r.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  for (const [name, values] of Object.entries(r.multiValueHeaders ?? {})) {
    headers[name.toLowerCase()] = values.map(String).join(', ');
  }
  return { statusCode: r.statusCode, headers, body: r.body ?? '' };
};

/** Method and path of an HTTP event, for the Router's route table. */
const routeOf = (event: Record<string, unknown>): { method: string; path: string } => {
  const context = event.requestContext as { http?: { method: string } } | undefined;
  const method = (event.httpMethod as string | undefined) ?? context?.http?.method ?? 'GET';
  const path = (event.path as string | undefined) ?? (event.rawPath as string | undefined) ?? '/';
  return { method, path };
};

/** A fresh logger that writes to the captured process output. */
export const newLogger = (): Logger => new Logger({ serviceName: 'doors-test' });

/** Invokes a handler that throws `thrown()` through `door`; resolves with the raw Lambda result. */
export const throughDoor = async (
  door: Door,
  thrown: () => unknown,
  event: Record<string, unknown>,
  context: Context,
  options: ErrorNormalizerOptions = {},
): Promise<unknown> => {
  const failing = async (): Promise<never> => {
    throw thrown();
  };
  if (door === 'middy') return middy(failing).use(errorNormalizer(options))(event, context);
  if (door === 'wrap') return withErrorNormalizer(failing, options)(event, context);
  const app = new Router();
  const { method, path } = routeOf(event);
  app.route(failing, { method: method as 'GET', path: path as `/${string}` });
  // The documented setup: the handler for Errors, its middleware for every other throw.
  const { maintenance: _none, ...routerOptions } = options;
  const errors = routerErrorHandler(routerOptions);
  app.errorHandler(Error, errors);
  app.use(errors.middleware);
  return app.resolve(event, context);
};

/**
 * What the Router needs of an event that public samples lack: a boolean `isBase64Encoded`, a
 * function URL's `routeKey` (`$default`, which real function URL events carry) and a real host
 * instead of the sample's `<url-id>` placeholder (the Router builds a Web `Request` from it), and
 * no body on GET/HEAD (a Web `Request` refuses one).
 */
export const routerReady = (event: Record<string, unknown>): Record<string, unknown> => {
  const real = JSON.stringify(event).replaceAll('<url-id>', 'abcdefghij0123456789abcdef');
  const ready = JSON.parse(real) as Record<string, unknown>;
  ready.isBase64Encoded = event.isBase64Encoded === true;
  if (event.version === '2.0' && typeof event.routeKey !== 'string') ready.routeKey = '$default';
  const { method } = routeOf(event);
  if (method === 'GET' || method === 'HEAD') delete ready.body;
  return ready;
};
