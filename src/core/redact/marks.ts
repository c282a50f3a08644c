/** What a redacted secret is replaced by. */
export const REDACTED = '[REDACTED]';
