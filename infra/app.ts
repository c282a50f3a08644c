/**
 * CDK app entry (`cdk.json` runs it with tsx, no build step): the `demo` stack, checked by
 * cdk-nag's AWS Solutions rules. Any finding not acknowledged in the stack fails the synth.
 *
 * Environment-agnostic on purpose: `cdk synth` needs no credentials and no network, and
 * `cdk deploy` takes the account and region of the current AWS profile.
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DemoStack } from './demo-stack.js';

const app = new App();
new DemoStack(app, 'demo', {
  description: 'lambda-error-normalizer demo: Lambda + REST API + X-Ray + JSON logs',
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
