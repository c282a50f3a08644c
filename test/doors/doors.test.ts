/**
 * One contract, three doors: for the same thrown value and event, the Middy middleware, the
 * Powertools Router error handler and the plain wrapper give byte-identical bodies, the same
 * status and the same headers, and each logs exactly one line.
 */
import { NotFoundError, ServiceUnavailableError } from '@aws-lambda-powertools/event-handler/http';
import { createError } from '@middy/util';
import { describe, expect, it } from 'vitest';
import { NotImplementedError } from '../../src/index.js';
import { eachInvocation, fixture, lambdaContext } from '../support/lambda.js';
import { DOORS, type Door, newLogger, normalize, routerReady, throughDoor } from './support.js';

const invocation = eachInvocation();

/** Every HTTP fixture the Router accepts (REST, HTTP API, function URL, ALB). */
const ROUTER_EVENTS = [
  'apigw-request.json',
  'apigw-v2-request-no-authorizer.json',
  'apigw-v2-request-jwt-authorizer.json',
  'lambda-urls-request.json',
  'alb-lambda-target-request-headers-only.json',
  'alb-lambda-target-request-multivalue-headers.json',
];

const circular = (): Error => {
  const error = new Error('loop');
  (error as { cause?: unknown }).cause = error;
  return error;
};

/** Errors (the Router passes only `Error` instances to its error handlers). */
const ERROR_THROWS: Array<[string, () => unknown]> = [
  ['an Error holding a secret', () => new Error('db postgres://app:hunter2@db:5432/app down')],
  ['createError(404)', () => createError(404, 'No such widget')],
  ['createError(503, expose)', () => createError(503, 'Back soon', { expose: true })],
  [
    'a throttling error',
    () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
  ],
  [
    'a refused connection',
    () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  ],
  ['a NotImplementedError', () => new NotImplementedError('PATCH is not built')],
  ['the Router NotFoundError', () => new NotFoundError('No route here')],
  ['the Router ServiceUnavailableError', () => new ServiceUnavailableError('down')],
  ['a frozen Error', () => Object.freeze(new Error('frozen'))],
  ['a circular cause', circular],
];

/**
 * Values the Router never hands to an error handler (it reads `error.constructor` and
 * interpolates the error into a debug line first): Middy and the wrapper must agree.
 */
const HOSTILE_THROWS: Array<[string, () => unknown]> = [
  [
    'an Error whose getters throw',
    () =>
      Object.defineProperty(new Error('x'), 'message', {
        get() {
          throw new Error('getter');
        },
      }),
  ],
  ['a string', () => 'a bare string'],
  ['null', () => null],
  ['undefined', () => undefined],
  ['a number', () => 42],
  ['a frozen object', () => Object.freeze({ message: 'frozen', statusCode: 'nope' })],
  [
    'a proxy whose traps throw',
    () =>
      new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
          getPrototypeOf() {
            throw new Error('trap');
          },
        },
      ),
  ],
];

const answersOf = async (doors: readonly Door[], thrown: () => unknown, name: string) => {
  const context = lambdaContext();
  const answers = [];
  for (const door of doors) {
    const before = invocation.output.logs().length;
    const event = routerReady(fixture(name));
    const result = await throughDoor(door, thrown, event, context, { logger: newLogger() });
    const lines = invocation.output.logs().slice(before);
    answers.push({ door, answer: normalize(result), lines });
  }
  return { answers, requestId: context.awsRequestId };
};

describe('three doors, one contract', () => {
  describe.each(ROUTER_EVENTS)('%s', (name) => {
    it.each(ERROR_THROWS)('%s: identical answers from all three doors', async (_label, thrown) => {
      const { answers, requestId } = await answersOf(DOORS, thrown, name);
      const [middy, ...others] = answers;
      const body = JSON.parse(middy?.answer.body ?? '{}');
      expect(body.requestId).toBe(requestId);
      expect(body.traceId).toBe(invocation.trace.root);
      expect(middy?.answer.headers['x-trace-id']).toBe(invocation.trace.root);
      expect(middy?.answer.body).not.toContain('hunter2');
      for (const { door, lines } of answers) {
        expect(
          lines.filter((line) => line.level === 'ERROR' || line.level === 'WARN'),
          door,
        ).toHaveLength(1);
        expect(JSON.stringify(lines)).not.toContain('hunter2');
      }
      for (const { door, answer } of others) {
        expect(answer.body, door).toBe(middy?.answer.body);
        expect(answer.statusCode, door).toBe(middy?.answer.statusCode);
        expect(answer.headers, door).toEqual(middy?.answer.headers);
      }
    });
  });

  it.each(HOSTILE_THROWS)('%s: Middy and the wrapper answer alike', async (_label, thrown) => {
    for (const name of ROUTER_EVENTS) {
      const { answers } = await answersOf(['middy', 'wrap'], thrown, name);
      const [middy, wrap] = answers;
      expect(middy?.answer.statusCode).toBe(500);
      expect(wrap?.answer).toEqual(middy?.answer);
    }
  });

  it.each(['middy', 'wrap'] as const)('%s: keeps statuses by the rules', async (door) => {
    const statuses = [];
    for (const [, thrown] of ERROR_THROWS) {
      const result = await throughDoor(
        door,
        thrown,
        fixture('apigw-request.json'),
        lambdaContext(),
        {
          logger: newLogger(),
        },
      );
      statuses.push(normalize(result).statusCode);
    }
    expect(statuses).toEqual([500, 404, 503, 503, 502, 501, 404, 503, 500, 500]);
  });
});
