import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { statusText } from '../../src/core/status-text.js';

describe('status texts', () => {
  it("are Node's own", () => {
    expect(statusText(404)).toBe('Not Found');
    for (let status = 100; status < 600; status++)
      expect(statusText(status)).toBe(STATUS_CODES[status]);
  });
});
