// A TypeScript CommonJS app (`"type": "commonjs"`, `module: NodeNext`, so `import` compiles to
// `require()`), `skipLibCheck: false`, with neither Middy, Tracer nor @types/aws-lambda
// installed: only the plain wrapper and Logger. It type-checks against the published .d.ts
// and runs by require(esm) (Node 20.19+, 22.12+, 24).
import { Logger } from '@aws-lambda-powertools/logger';
import { isTraceId } from 'lambda-error-normalizer';
import { type LambdaContext, withErrorNormalizer } from 'lambda-error-normalizer/wrap';

import kit = require('./check.cjs');

const lines = kit.start();
const handler = withErrorNormalizer(
  async (
    _event: unknown,
    _context: LambdaContext,
  ): Promise<{ statusCode: number; body: string }> => {
    throw new Error(`db password=${kit.SECRET}`);
  },
  { logger: new Logger() },
);

handler(kit.restEvent(), kit.context()).then((result) => {
  kit.checkAnswer('wrap (/wrap, CommonJS)', result, lines);
  if (!isTraceId('1-5759e988-bd862e3fe1be46a994272793')) throw new Error('isTraceId');
});
