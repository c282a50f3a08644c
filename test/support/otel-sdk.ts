/**
 * The real OpenTelemetry SDK as ADOT or an app's own SDK sets it up in Lambda: a
 * BasicTracerProvider with the X-Ray id generator, an in-memory exporter, the AsyncLocalStorage
 * context manager and the X-Ray Lambda propagator.
 */
import {
  defaultTextMapGetter,
  context as otelContext,
  propagation,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AWSXRayIdGenerator } from '@opentelemetry/id-generator-aws-xray';
import { AWSXRayLambdaPropagator } from '@opentelemetry/propagator-aws-xray-lambda';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface OtelSdk {
  /** Every finished span, until `reset()`. */
  exporter: InMemorySpanExporter;
  /** Makes this SDK the global one (call in `beforeAll`). */
  register: () => void;
  /** Shuts the provider down and unregisters the globals (call in `afterAll`). */
  shutdown: () => Promise<void>;
}

export const otelSdk = (): OtelSdk => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    idGenerator: new AWSXRayIdGenerator(),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  return {
    exporter,
    register: () => {
      otelContext.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
      trace.setGlobalTracerProvider(provider);
      propagation.setGlobalPropagator(new AWSXRayLambdaPropagator());
    },
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      otelContext.disable();
      propagation.disable();
    },
  };
};

/**
 * Runs `invoke` the way ADOT's Lambda instrumentation runs a handler: inside an active span
 * (of the tracer `tracerName`) whose parent is what the X-Ray Lambda propagator extracts from
 * `_X_AMZN_TRACE_ID` (nothing when unset), or no parent when `fromXray` is false.
 */
export const inActiveSpan = <T>(
  tracerName: string,
  invoke: () => Promise<T>,
  fromXray = true,
): Promise<T> => {
  const parent = fromXray
    ? propagation.extract(ROOT_CONTEXT, {}, defaultTextMapGetter)
    : ROOT_CONTEXT;
  return trace.getTracer(tracerName).startActiveSpan('handler', {}, parent, async (span) => {
    try {
      return await invoke();
    } finally {
      span.end();
    }
  });
};
