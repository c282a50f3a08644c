/**
 * The demo's alarm topic: encrypted with a key of the stack (CloudWatch cannot use the AWS
 * managed SNS key), SSL only, and only the demo's own alarms may publish to it.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SERVICE_NAME } from './demo-names.js';

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;
  private readonly cloudWatch = new iam.ServicePrincipal('cloudwatch.amazonaws.com');

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the ${SERVICE_NAME} alarm topic.`,
      enableKeyRotation: true,
      // Goes with the stack (after the shortest waiting period), like the rest of the demo.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.grant(this.cloudWatch, 'kms:Decrypt', 'kms:GenerateDataKey');
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `${SERVICE_NAME} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
  }

  /** Lets these alarms (and no other) publish. */
  allowAlarms(alarms: readonly cloudwatch.IAlarm[]): void {
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowTheseAlarmsToPublish',
        principals: [this.cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { ArnEquals: { 'aws:SourceArn': alarms.map((alarm) => alarm.alarmArn) } },
      }),
    );
  }
}
