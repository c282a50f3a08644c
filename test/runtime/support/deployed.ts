/**
 * The functions as they would be deployed: the real `cdk synth demo` (local esbuild, no
 * Docker), each GET route followed from its API method to its function and asset folder, with
 * the settings Lambda would start it with. Plus the `/stream` function URL, synthesized from
 * its own construct in a small app until the demo stack carries it.
 */
import { App, Stack } from 'aws-cdk-lib';
import { StreamFunctionUrl } from '../../../infra/stream-url.js';
import {
  cdkSynthDemo,
  type DeployedFunction,
  demoRouteFunctions,
  deployedFunction,
  readSynth,
} from '../../support/cdk-assets.js';

export type { DeployedFunction };

/** `cdk synth demo` into `outdir`; every demo route's function, keyed by route path. */
export const synthDemo = async (outdir: string): Promise<Record<string, DeployedFunction>> => {
  await cdkSynthDemo(outdir);
  return demoRouteFunctions(outdir, await readSynth(outdir, 'demo'));
};

/** The `/stream` function, bundled by its construct as the demo stack will bundle it. */
export const synthStream = async (outdir: string): Promise<DeployedFunction> => {
  const app = new App({ outdir });
  const stack = new Stack(app, 'stream');
  const route = new StreamFunctionUrl(stack, 'Stream');
  app.synth();
  return deployedFunction(
    outdir,
    await readSynth(outdir, 'stream'),
    stack.getLogicalId(route.function.node.defaultChild as never),
  );
};
