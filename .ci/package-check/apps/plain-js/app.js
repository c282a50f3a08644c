// A plain JavaScript CommonJS app: `require()` of the root and of the subpaths, no TypeScript,
// runs by require(esm) (Node 20.19+, 22.12+, 24). Middy 7 is ESM-only (no `require` condition),
// so a CommonJS app uses the wrapper or the Powertools Router, as here.
const { Router } = require('@aws-lambda-powertools/event-handler/http');
const { Logger } = require('@aws-lambda-powertools/logger');
const { withErrorNormalizer } = require('lambda-error-normalizer');
const { routerErrorHandler } = require('lambda-error-normalizer/router');
const pkg = require('lambda-error-normalizer/package.json');
const kit = require('./check.cjs');

const lines = kit.start();
const logger = new Logger();
const failing = async () => {
  throw new Error(`db password=${kit.SECRET}`);
};
const app = new Router();
app.post('/hello/world', failing);
app.errorHandler(Error, routerErrorHandler({ logger }));

(async () => {
  const event = kit.restEvent();
  const wrapped = withErrorNormalizer(failing, { logger });
  kit.checkAnswer('wrap (root, require)', await wrapped(event, kit.context()), lines);
  // The sample event has no `isBase64Encoded`, which the Router's event check requires.
  const routed = await app.resolve({ ...event, isBase64Encoded: false }, kit.context());
  kit.checkAnswer('router (/router, require)', routed, lines);
  if (pkg.name !== 'lambda-error-normalizer') throw new Error('./package.json export');
})();
