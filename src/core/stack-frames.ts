/**
 * The throw site of an error, read from its V8 stack: the application's own frames (not
 * `node_modules`, not Node's internals), each as a path relative to the project root or bundle
 * plus the function's name, without line and column, so that an unrelated edit above the throw
 * does not move it. With `--enable-source-maps` V8 already prints the original files.
 */

import type { Memo } from './memo.js';

/** One frame of the application's own code. */
export interface AppFrame {
  /** The function's name, or `undefined` for an anonymous function. */
  name: string | undefined;
  /** The file relative to the project root, with no `file://`, `/var/task/` or content hash. */
  path: string;
  /** The line, used only when no frame has a name. */
  line: string | undefined;
}

/** How many frames of the stack are read at most (V8 prints 10 by default). */
const MAX_FRAMES = 50;

const ANONYMOUS = /(?:^|\.)<anonymous>$/;
/** Where Lambda puts the deployment package (the bundle, when no root is given). */
const LAMBDA_TASK_ROOT = '/var/task/';

const functionName = (text: string): string | undefined => {
  const name = text
    .replace(/^async /, '')
    .replace(/^new /, '')
    .replace(/ \[as [^\]]*\]$/, '')
    .trim();
  return name.length === 0 || ANONYMOUS.test(name) ? undefined : name;
};

/** A bundler's content hash: 8 or more letters and digits, with a digit or a capital in them. */
const isContentHash = (text: string): boolean =>
  text.length >= 8 && /^[A-Za-z0-9_]+$/.test(text) && /[0-9A-Z]/.test(text);

const withoutContentHash = (file: string): string =>
  file.replace(/[-.]([A-Za-z0-9_]{8,})(?=\.[cm]?[jt]sx?$)/, (whole, hash: string) =>
    isContentHash(hash) ? '' : whole,
  );

const relativePath = (location: string, root: string): string => {
  let path = location.replace(/[?#].*$/, '');
  if (path.startsWith('file://')) {
    try {
      path = decodeURIComponent(path.slice('file://'.length));
    } catch {
      path = path.slice('file://'.length);
    }
  }
  path = path.replaceAll('\\', '/');
  const base = root.replaceAll('\\', '/').replace(/\/+$/, '');
  if (base.length > 0 && path.startsWith(`${base}/`)) path = path.slice(base.length + 1);
  if (path.startsWith(LAMBDA_TASK_ROOT)) path = path.slice(LAMBDA_TASK_ROOT.length);
  path = path.replace(/^(?:\.\.?\/)+/, '');
  const slash = path.lastIndexOf('/');
  return path.slice(0, slash + 1) + withoutContentHash(path.slice(slash + 1));
};

const isAppLocation = (path: string): boolean =>
  path.length > 0 &&
  !path.startsWith('node:') &&
  !path.startsWith('internal/') &&
  path !== 'native' &&
  path !== '<anonymous>' &&
  !path.replaceAll('\\', '/').includes('/node_modules/');

/** Parses one `    at …` line; `undefined` for anything else (the header, eval frames). */
const parseFrame = (text: string, root: string): AppFrame | undefined => {
  const line = text.trim();
  if (!line.startsWith('at ') || line.includes('(eval at ')) return undefined;
  const rest = line.slice(3);
  const open = rest.lastIndexOf(' (');
  const named = open !== -1 && rest.endsWith(')');
  const location = named ? rest.slice(open + 2, -1) : rest;
  const name = named ? functionName(rest.slice(0, open)) : undefined;
  const position = /:(\d+)(?::\d+)?$/.exec(location);
  const file = position === null ? location : location.slice(0, position.index);
  if (!isAppLocation(file)) return undefined;
  return { name, path: relativePath(file, root), line: position?.[1] };
};

/**
 * The application's frames of `stack`, top first.
 *
 * @param stack - a V8 stack (`error.stack`), redacted or not.
 * @param root - the project root or bundle directory paths are made relative to.
 * @returns the frames in app code, anonymous ones included (their `name` is `undefined`).
 */
export const appFrames = (stack: string, root: string): AppFrame[] => {
  const frames: AppFrame[] = [];
  const lines = stack.split('\n', 512);
  for (const text of lines) {
    const frame = parseFrame(text, root);
    if (frame !== undefined) frames.push(frame);
    if (frames.length >= MAX_FRAMES) break;
  }
  return frames;
};

/** How many named frames make a throw site. */
const SITE_FRAMES = 3;

const siteOf = (frames: readonly AppFrame[]): string[] => {
  const named = frames.filter((frame) => frame.name !== undefined).slice(0, SITE_FRAMES);
  if (named.length > 0) return named.map((frame) => `${frame.path}#${frame.name}`);
  const top = frames[0];
  return top === undefined ? [] : [`${top.path}:${top.line ?? '?'}`];
};

/**
 * The throw site as text: the top three named app frames as `path#name`; only when no frame
 * has a name, the top app frame as `path:line`; `[]` when the stack shows no app code.
 * `remember` keeps sites by frames text: one failure repeats the same frames under ever-new
 * messages, and parsing them is most of a fingerprint's cost.
 */
export const throwSite = (
  stack: string,
  root: string,
  remember?: Memo<readonly string[]>,
): string[] => {
  // The frames start at the first `at` line; the header before them holds the message.
  const start = stack.search(/\n\s+at /);
  const key = start === -1 ? undefined : `${root}\u0000${stack.slice(start)}`;
  const site = () => siteOf(appFrames(start === -1 ? stack : stack.slice(start), root));
  return [...(key === undefined || remember === undefined ? site() : remember(key, site))];
};
