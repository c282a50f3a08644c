// peers:
//
// A stack trace through the package's dist/ names files that exist in the installed package,
// with Node's source maps on (the harness runs every smoke with --enable-source-maps, as many
// Lambda functions do through NODE_OPTIONS).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorNormalizer } from 'lambda-error-normalizer';
import { check } from './kit.mjs';

let stack = '';
try {
  errorNormalizer({ retryAfterSeconds: -1 });
} catch (error) {
  stack = String(error?.stack);
}
// `at fn (file:///…/x.js:1:2)` or `at file:///…/x.js:1:2`; only the package's own frames.
const frames = [...stack.matchAll(/\(?((?:file:\/\/)?\/[^\s()]+?):\d+:\d+\)?$/gm)]
  .map((match) => match[1])
  .filter((file) => file.includes('/node_modules/lambda-error-normalizer/'))
  .map((file) => (file.startsWith('file://') ? fileURLToPath(file) : file));

check('the option error has frames inside the package', frames.length > 0, stack);
const missing = frames.filter((file) => !existsSync(file));
check('every frame names a file that exists', missing.length === 0, { missing, stack });
