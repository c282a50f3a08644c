/**
 * Preloaded into the demo server by `npm run load` (`node --expose-gc --import tsx --import
 * bench/load-probe.ts infra/local/server.ts`), so the load harness can read the server's heap
 * without touching the demo's code. It answers `{ type: 'memory' }` over the IPC channel with
 * `process.memoryUsage()` taken after two full GCs (when `--expose-gc` is on), and stops the
 * server (SIGTERM, its own clean shutdown) when the harness goes away, so that a crashed
 * harness never leaves a demo server behind.
 */
const gc = (globalThis as { gc?: () => void }).gc;

if (typeof process.send === 'function') {
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== 'memory') return;
    gc?.();
    gc?.();
    const usage = process.memoryUsage();
    process.send?.({ type: 'memory', gc: gc !== undefined, ...usage });
  });
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
}
