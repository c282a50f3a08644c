/** One line a process wrote, parsed when it is JSON (log lines are; a stack or a banner is not). */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  text: string;
  json?: Record<string, unknown>;
}

export const outputLine = (stream: OutputLine['stream'], text: string): OutputLine => {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  return json === undefined ? { stream, text } : { stream, text, json };
};
