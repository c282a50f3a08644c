import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The runtime leg has its own config and command (`npm run test:runtime`).
    exclude: ['test/runtime/**', 'node_modules/**'],
    // Real sockets, real child processes and a real `cdk synth` take seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Tests set process.env (trace ids, X-Ray daemon address): one file per process.
    isolate: true,
  },
});
