/** The lines `npm run bench` prints about the runtime client's leg, beside the targets table. */
import type { RicColdStartResult, RicMetric } from './ric-leg.js';
import type { Summary } from './stats.js';
import { delta } from './targets.js';

const med = (s: Summary) => s.median.toFixed(2);
const ci = ([lo, hi]: [number, number]) => `CI95 ${lo.toFixed(2)}..${hi.toFixed(2)}`;

/** Medians per entry (CPU / wall), then the differences with quartiles and CI, and the control. */
export const ricLines = (result: RicColdStartResult): string[] => {
  const { ms, overPeerMs, overPeerCi95Ms, peerOverBaseMs, peerOverBaseCi95Ms } = result;
  const perEntry = (cpu: RicMetric, wall: RicMetric) =>
    (['base', 'normalizer', 'peer'] as const)
      .map((entry) => `${entry} ${med(ms[cpu][entry])}/${med(ms[wall][entry])}`)
      .join(', ');
  const over = (metric: RicMetric) => `${delta(overPeerMs[metric])} ${ci(overPeerCi95Ms[metric])}`;
  const control = (metric: RicMetric) =>
    `${delta(peerOverBaseMs[metric])} ${ci(peerOverBaseCi95Ms[metric])}`;
  return [
    `aws-lambda-ric ${result.ric} on ${result.node}, ${result.rounds} rounds in ` +
      `${result.seconds.toFixed(0)} s, median ms (main-thread CPU / wall):`,
    `  init (spawn to first next): ${perEntry('initCpu', 'initWall')}`,
    `  first error (next to POST): ${perEntry('firstErrorCpu', 'firstErrorWall')}`,
    `  normalizer - peer, CPU: init ${over('initCpu')}; first error ${over('firstErrorCpu')}`,
    `  normalizer - peer, wall: init ${over('initWall')}; first error ${over('firstErrorWall')}`,
    `  control, peer - bare middy, CPU: init ${control('initCpu')}; first error ` +
      `${control('firstErrorCpu')}`,
  ];
};
