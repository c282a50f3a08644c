/** The report of `npm run load`: its figures and checks as the text it prints. */
import type { LoadFigures } from './load-figures.js';

/** Rows as aligned columns; numeric-looking cells are right-aligned. */
const table = (rows: string[][]): string => {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths[column] ?? 0;
          return /^[\d.]+$/.test(cell) ? cell.padStart(width) : cell.padEnd(width);
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
};

/** The figures as the text `npm run load` prints. */
export const formatFigures = (figures: LoadFigures): string => {
  const { load } = figures;
  const routeRows = Object.entries(figures.routes).map(([path, route]) => [
    path,
    String(route.expectedStatus),
    String(route.answered),
    Object.entries(route.statuses)
      .map(([status, count]) => `${status}x${count}`)
      .join(' '),
    String(route.offContract),
    route.latencyMs.p50.toFixed(1),
    route.latencyMs.p99.toFixed(1),
    route.latencyMs.max.toFixed(1),
  ]);
  const lines = [
    `load: ${load.answered}/${load.sent} answered/sent in ${load.durationSec} s = ${load.reqPerSec} req/s over ${figures.options.connections} connections; latency p50 ${load.latencyMs.p50} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms (autocannon: p50 ${load.autocannonLatencyMs.p50}, p99 ${load.autocannonLatencyMs.p99})`,
    `warm-up: ${figures.warmup.answered} answered; /slow alongside: ${figures.slow.answered}/${figures.slow.sent}`,
    '',
    table([
      ['route', 'expect', 'answered', 'statuses', 'off', 'p50 ms', 'p99 ms', 'max ms'],
      ...routeRows,
    ]),
    '',
    `log file: ${figures.logs.lines} lines, ${figures.logs.errorLines} ERROR for ${figures.logs.responses5xx} 5xx, ${figures.logs.warnLines} WARN for ${figures.logs.responses4xx} 4xx, ${figures.logs.accessLines} access lines for ${figures.contract.checked} responses`,
    `trace ids: ${figures.traceIds.distinct} distinct of ${figures.traceIds.responses}`,
    `memory: RSS ${figures.memory.rssBeforeMiB} -> ${figures.memory.rssAfterMiB} MiB (growth ${figures.memory.rssGrowthMiB}, peak ${figures.memory.rssPeakMiB}); heap after GC ${figures.memory.heapBeforeMiB} -> ${figures.memory.heapAfterMiB} MiB (growth ${figures.memory.heapGrowthMiB})`,
    `server: pid ${figures.server.pid}, port ${figures.server.port}, started in ${figures.server.startMs} ms, stopped in ${figures.server.stopMs} ms (${figures.server.exit})`,
    '',
    table([
      ['check', 'result', 'detail'],
      ...figures.checks.map((check) => [check.name, check.pass ? 'PASS' : 'FAIL', check.detail]),
    ]),
  ];
  for (const example of [...figures.contract.examples, ...figures.logs.examples])
    lines.push(`  ! ${example}`);
  if (figures.files.kept) lines.push('', `files kept in ${figures.files.dir}`);
  return `${lines.join('\n')}\n`;
};
