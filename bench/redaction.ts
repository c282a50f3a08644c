/**
 * Worker: the cost of redaction on hostile input, rule by rule (issue 19). For each built-in
 * rule, its hostile 16 KB inputs (redaction-inputs.ts) and 16 KB of plain text go through the
 * whole redactor (`compileRedaction().text`, as every error's strings do) in alternating rounds;
 * per round, the CPU time of the rule's worst hostile input over the plain one. A rule that
 * backtracked or rescanned would make its ratio grow with the input; linear rules keep it small.
 */
import { compileRedaction } from '../src/core/redact/index.js';
import { reply } from './child.js';
import { HOSTILE, PLAIN } from './redaction-inputs.js';
import { type Summary, summarize } from './stats.js';

const ROUNDS = 21;
const BATCH_NS = 5e6;

export type RedactionResult = Record<
  string,
  { ratio: Summary; plainUs: number; hostileUs: number }
>;

const redact = compileRedaction(undefined);

/** CPU nanoseconds per call of `text` through the redactor, over a batch of about 5 ms. */
const cpuNsPerCall = (text: string, calls: number): number => {
  const started = process.cpuUsage();
  for (let i = 0; i < calls; i++) redact.text(text);
  const used = process.cpuUsage(started);
  return ((used.user + used.system) * 1_000) / calls;
};

await reply<RedactionResult>(async () => {
  // Calls per batch, from one warm-up of the plain text.
  cpuNsPerCall(PLAIN, 20);
  const calls = Math.max(5, Math.round(BATCH_NS / cpuNsPerCall(PLAIN, 20)));
  const result: RedactionResult = {};
  for (const [rule, inputs] of Object.entries(HOSTILE)) {
    const ratios: number[] = [];
    const plain: number[] = [];
    const hostile: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first, so neither always gets the warmer cache.
      const first = round % 2 === 0;
      const p1 = first ? cpuNsPerCall(PLAIN, calls) : 0;
      const worst = Math.max(...inputs.map((input) => cpuNsPerCall(input, calls)));
      const p = first ? p1 : cpuNsPerCall(PLAIN, calls);
      ratios.push(worst / p);
      plain.push(p);
      hostile.push(worst);
    }
    result[rule] = {
      ratio: summarize(ratios),
      plainUs: summarize(plain).median / 1_000,
      hostileUs: summarize(hostile).median / 1_000,
    };
  }
  return result;
});
