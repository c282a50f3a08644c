/** Order statistics over samples. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  q1: number;
  q3: number;
  n: number;
}

const quantile = (sorted: number[], q: number): number => {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
};

export const summarize = (samples: number[]): Summary => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    n: sorted.length,
  };
};

/**
 * A distribution-free 95% confidence interval of the median: the order statistics at ranks
 * n/2 -/+ 1.96·√n/2 (the binomial's normal approximation). Says whether a median difference
 * is told apart from a limit, which the quartiles of the samples do not.
 */
export const medianCi95 = (samples: number[]): [number, number] => {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const half = (1.96 * Math.sqrt(n)) / 2;
  const lo = Math.max(0, Math.floor(n / 2 - half) - 1);
  const hi = Math.min(n - 1, Math.ceil(1 + n / 2 + half) - 1);
  return [sorted[lo] ?? Number.NaN, sorted[hi] ?? Number.NaN];
};
