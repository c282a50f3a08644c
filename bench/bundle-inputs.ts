/**
 * Where a bundle's bytes come from, per input, from esbuild's metafile (`bytesInOutput`:
 * minified bytes before gzip): which modules of src/ the minimal handler carries, to guide
 * making features opt-in. Packages are grouped by name.
 */
import type { Metafile } from 'esbuild';

export interface InputBytes {
  /** A src/ module (`src/core/redact.ts`) or a package (`@middy/core`). */
  input: string;
  bytes: number;
}

const packageOf = (path: string): string | undefined => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  return match?.[1];
};

/** The inputs of the bundle in `metafile`, largest first. */
export const inputBytes = (metafile: Metafile): InputBytes[] => {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const input = packageOf(path) ?? path.replace(/^(\.\.\/)+/, '');
      totals.set(input, (totals.get(input) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].map(([input, bytes]) => ({ input, bytes })).sort((a, b) => b.bytes - a.bytes);
};

/** The src/ modules only. */
export const srcBytes = (metafile: Metafile): InputBytes[] =>
  inputBytes(metafile).filter((entry) => entry.input.startsWith('src/'));
