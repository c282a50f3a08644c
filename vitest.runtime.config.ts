import { defineConfig } from 'vitest/config';

/**
 * The runtime leg (`npm run test:runtime`): the synthesized bundles run inside AWS's own
 * runtime client, `aws-lambda-ric`, which needs Node >= 22 and a one-time native build.
 */
export default defineConfig({
  test: {
    include: ['test/runtime/**/*.test.ts'],
    globalSetup: ['test/runtime/global-setup.ts'],
    // Building the runtime client the first time takes minutes; synth takes tens of seconds.
    hookTimeout: 900_000,
    testTimeout: 120_000,
    pool: 'forks',
    // One function instance at a time: the machine has two cores.
    fileParallelism: false,
  },
});
