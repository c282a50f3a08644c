/**
 * The pass/fail checks of `npm run load`, judged on the figures of a run: everything sent and
 * answered in time, no connection trouble, nothing off the contract, the log file matching the
 * answers, no shared ids, bounded memory growth.
 */
import type { Check, RunFigures } from './load-figures.js';

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value}`;

/** `reqErrors`: example request errors of the load phase, shown with the connection check. */
export const checksOf = (figures: RunFigures, reqErrors: readonly string[]): Check[] => {
  const { options, load, slow, contract, logs, traceIds, memory } = figures;
  return [
    {
      name: 'every request sent and answered in time',
      pass:
        !load.stoppedByTimeLimit &&
        load.sent === options.requests &&
        load.answered === options.requests &&
        load.recorded === options.requests &&
        slow.answered === options.slow,
      detail: `load ${load.answered}/${options.requests} answered (${load.sent} sent), /slow ${slow.answered}/${options.slow}${load.stoppedByTimeLimit ? ', stopped by the time limit' : ''}`,
    },
    {
      name: 'no connection errors or timeouts',
      pass: load.connectionErrors === 0 && load.timeouts === 0,
      detail: `${load.connectionErrors} errors, ${load.timeouts} timeouts${reqErrors.length > 0 ? ` (${reqErrors.join('; ')})` : ''}`,
    },
    {
      name: 'zero responses off the contract',
      pass: contract.offContract === 0 && contract.checked > 0,
      detail: `${contract.offContract} of ${contract.checked} responses off the contract`,
    },
    {
      name: 'one ERROR line per 5xx, one WARN per 4xx, none for 2xx; one access line each',
      pass:
        logs.mismatched === 0 &&
        logs.orphanReports === 0 &&
        logs.untracedReports === 0 &&
        logs.unparsable === 0,
      detail: `${logs.mismatched} responses with wrong log lines, ${logs.orphanReports} reports of unanswered traces, ${logs.untracedReports} untraced ERROR/WARN lines, ${logs.unparsable} unparsable lines (${logs.errorLines} ERROR lines for ${logs.responses5xx} 5xx, ${logs.warnLines} WARN lines for ${logs.responses4xx} 4xx)`,
    },
    {
      name: 'server wrote nothing but JSON lines to stderr',
      pass: logs.stderrOther === 0,
      detail: `${logs.stderrOther} other stderr lines`,
    },
    {
      name: 'no trace id or request id shared by two requests',
      pass:
        traceIds.shared === 0 &&
        traceIds.requestIdsShared === 0 &&
        traceIds.responses === contract.checked,
      detail: `${traceIds.distinct} distinct trace ids for ${contract.checked} responses, ${traceIds.requestIdsShared} request ids shared`,
    },
    {
      name: `heap (after full GC) growth <= ${options.heapGrowthLimitMiB} MiB`,
      pass: memory.heapAfterGc && memory.heapGrowthMiB <= options.heapGrowthLimitMiB,
      detail: `${memory.heapBeforeMiB} -> ${memory.heapAfterMiB} MiB (${signed(memory.heapGrowthMiB)})${memory.heapAfterGc ? '' : ', no GC available'}`,
    },
    {
      name: `RSS growth <= ${options.rssGrowthLimitMiB} MiB`,
      pass: memory.rssGrowthMiB !== null && memory.rssGrowthMiB <= options.rssGrowthLimitMiB,
      detail:
        memory.rssGrowthMiB === null
          ? 'no /proc: RSS unknown'
          : `${memory.rssBeforeMiB} -> ${memory.rssAfterMiB} MiB (${signed(memory.rssGrowthMiB)}), peak ${memory.rssPeakMiB} MiB`,
    },
  ];
};
