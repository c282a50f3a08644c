// The types of check.cjs, for the TypeScript apps.
declare const kit: {
  SECRET: string;
  start(): string[];
  restEvent(): unknown;
  context(): { awsRequestId: string; functionName: string; getRemainingTimeInMillis(): number };
  checkAnswer(
    door: string,
    result: { statusCode: number; body: string; headers?: Record<string, unknown> },
    lines: string[],
  ): void;
};
export = kit;
