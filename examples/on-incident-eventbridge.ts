import { Logger } from '@aws-lambda-powertools/logger';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { errorNormalizer, type Incident } from 'lambda-error-normalizer';

const logger = new Logger();
// Built once per cold start, as every SDK client should be.
const events = new EventBridgeClient({});
const EVENT_BUS = process.env.INCIDENT_BUS ?? 'default';

/** One EventBridge event per answered failure: a rule routes it to chat, a ticket, a tracker. */
const forward = async (incident: Incident): Promise<void> => {
  await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: EVENT_BUS,
          Source: 'shop.orders',
          DetailType: incident.status >= 500 ? 'Server error answered' : 'Client error answered',
          // The incident is already redacted; the fingerprint lets a rule or a tracker group it.
          Detail: JSON.stringify({
            fingerprint: incident.fingerprint,
            status: incident.status,
            code: incident.code,
            traceId: incident.traceId,
            requestId: incident.requestId,
            error: { name: incident.error.name, message: incident.error.message },
          }),
        },
      ],
    }),
  );
};

const placeOrder = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  if (!event.body) throw new Error('payment service unreachable');
  return { statusCode: 201, body: event.body };
};

// A PutEvents that fails or hangs is logged once and never changes the 500 the client gets.
export const handler = middy(placeOrder).use(errorNormalizer({ logger, onIncident: forward }));
