import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Real sockets, real child processes and a real `cdk synth` take seconds, not milliseconds.
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Tests set process.env (trace ids, X-Ray daemon address): one file per process.
    isolate: true,
  },
});
