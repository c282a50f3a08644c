/**
 * `--version`: the version of the installed package, read from its package.json. The file is
 * found by walking up from this module, so it works from `dist/cli/` (the published bin) and
 * from `src/cli/` (run through tsx in this repository) alike.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'lambda-error-normalizer';

/** The package's version, or `unknown` when its package.json cannot be read. */
export const packageVersion = (from: string = fileURLToPath(import.meta.url)): string => {
  for (let dir = dirname(from), up = 0; up < 6; up += 1, dir = dirname(dir)) {
    try {
      const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (json.name === PACKAGE_NAME && typeof json.version === 'string') return json.version;
    } catch {
      // No package.json here, or not ours: keep walking up.
    }
    if (dirname(dir) === dir) break;
  }
  return 'unknown';
};
