/**
 * The AWS SDK clients of the CLI are optional peer dependencies: an app that installs the
 * middleware gets no `@aws-sdk/*` package. They are loaded here, on the AWS path only.
 */
import type * as CloudFormation from '@aws-sdk/client-cloudformation';
import type * as CloudWatchLogs from '@aws-sdk/client-cloudwatch-logs';

/** The two SDK modules the AWS path uses. */
export interface AwsSdk {
  logs: typeof CloudWatchLogs;
  cloudFormation: typeof CloudFormation;
}

/** The packages to install for the AWS path. */
export const SDK_PACKAGES = [
  '@aws-sdk/client-cloudwatch-logs',
  '@aws-sdk/client-cloudformation',
] as const;

/** The AWS SDK clients are not installed. */
export class MissingSdkError extends Error {
  override name = 'MissingSdkError';
  constructor(override readonly cause: unknown) {
    super(
      `The AWS path needs the AWS SDK clients, which are optional peer dependencies of lambda-error-normalizer. Install them: npm install --save-dev ${SDK_PACKAGES.join(' ')}`,
      { cause },
    );
  }
}

const isModuleNotFound = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
};

/** Imports both SDK modules. */
export const importSdk = async (): Promise<AwsSdk> => {
  const [logs, cloudFormation] = await Promise.all([
    import('@aws-sdk/client-cloudwatch-logs'),
    import('@aws-sdk/client-cloudformation'),
  ]);
  return { logs, cloudFormation };
};

/**
 * The SDK modules, through `load` (tests inject one that fails).
 *
 * @throws MissingSdkError when a module cannot be found.
 */
export const loadSdk = async (load: () => Promise<AwsSdk> = importSdk): Promise<AwsSdk> => {
  try {
    return await load();
  } catch (error) {
    if (isModuleNotFound(error)) throw new MissingSdkError(error);
    throw error;
  }
};
