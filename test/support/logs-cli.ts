/**
 * The `logs` CLI's `main`, run in-process with its output captured; its Logs Insights clients
 * are built in eu-west-1 unless `--region` names another (tests mock them).
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { type CliDeps, type CliIo, main } from '../../src/cli/cli.js';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export const runCli = async (
  args: string[],
  io: Omit<CliIo, 'stdout' | 'stderr'>,
  deps: CliDeps = {},
): Promise<CliOutcome> => {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      ...io,
    },
    {
      logsClient: (region) => new CloudWatchLogsClient({ region: region ?? 'eu-west-1' }),
      ...deps,
    },
  );
  return { code, stdout, stderr };
};
