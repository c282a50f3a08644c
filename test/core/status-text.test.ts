import { STATUS_CODES as NODE_STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { STATUS_CODES } from '../../src/status-text.js';

describe('status texts', () => {
  it("are Node's own for every 4xx and 5xx status", () => {
    const nodeErrors = Object.fromEntries(
      Object.entries(NODE_STATUS_CODES).filter(([status]) => Number(status) >= 400),
    );
    expect(STATUS_CODES).toEqual(nodeErrors);
  });
});
