/**
 * `lambda-error-normalizer/cdk`: CDK constructs for the error contract (placeholder on the
 * `package` branch so the subpath export resolves; the cdk branch's `ApiErrorContract` and
 * `ErrorMonitoring` replace this file at merge).
 * @packageDocumentation
 */
export {};
