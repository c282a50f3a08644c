// peers: @aws-lambda-powertools/metrics
// secret: hunter2
//
// The plain-handler door with Metrics at their floor: an uncaught error answers the contract
// and writes one EMF datapoint `Errors` with the dimension sets the demo's alarm reads.
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { withErrorNormalizer } from 'lambda-error-normalizer';
import { captureOutput, check, fixture, lambdaContext, startTrace } from './kit.mjs';

const metrics = new Metrics({ namespace: 'PeerFloor', serviceName: 'peer-floor' });
const handler = withErrorNormalizer(
  async () => {
    throw new Error('token=hunter2 rejected');
  },
  { logger: new Logger({ serviceName: 'peer-floor' }), metrics },
);

const root = startTrace();
const output = captureOutput();
const answer = await handler(fixture('apigw-request.json'), lambdaContext());
check(
  'status 500 with the trace id',
  answer.statusCode === 500 && JSON.parse(answer.body).traceId === root,
  answer,
);
const emf = output.lines
  .map((line) => {
    try {
      return JSON.parse(line);
    } catch {
      return undefined;
    }
  })
  .filter((json) => json?._aws !== undefined);
check('one EMF datapoint', emf.length === 1 && emf[0].Errors === 1, output.lines);
const sets = (emf[0]?._aws.CloudWatchMetrics[0].Dimensions ?? []).map((set) =>
  [...set].sort().join(','),
);
check(
  'dimension sets',
  sets.includes('code,service,statusClass') && sets.includes('service,statusClass'),
  sets,
);
check('statusClass 5xx', emf[0]?.statusClass === '5xx', emf[0]);
