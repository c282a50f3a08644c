// peers: @middy/core @aws-lambda-powertools/tracer@2.35.0 @aws-lambda-powertools/event-handler @aws-lambda-powertools/metrics @opentelemetry/api
// with: typescript@5.9.3 @types/node@22 @types/aws-lambda @middy/http-cors@7 @middy/util@7 @aws-sdk/client-eventbridge@3
//
// The README's examples (examples/*.ts) as a user would have them: compiled with strict tsc
// against the published types of the package (resolved through node_modules, not the
// repository's source) and the floor versions of its peers, then each handler answers a real
// API Gateway REST event by the contract.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, fixture, lambdaContext, startTrace } from './kit.mjs';

const examples = join(process.env.REPO_DIR ?? '', 'examples');
const names = readdirSync(examples).filter((name) => name.endsWith('.ts'));
mkdirSync('src', { recursive: true });
for (const name of names) copyFileSync(join(examples, name), join('src', name));
writeFileSync(
  'tsconfig.json',
  JSON.stringify({
    compilerOptions: {
      target: 'ES2023',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2023'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      // As `tsc --init` sets it: Middy 7's own index.d.ts imports the types of
      // @aws/durable-execution-sdk-js, an optional peer most apps do not install.
      skipLibCheck: true,
      outDir: 'build',
    },
    include: ['src'],
  }),
);
let compiled = true;
try {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], {
    encoding: 'utf8',
  });
} catch (error) {
  compiled = false;
  console.log(String(error.stdout));
}
check(
  `${names.length} examples compile against the published types`,
  compiled && names.length > 0,
  names,
);

// The onIncident example forwards failures to EventBridge: only ever to this machine (a
// refused loopback port), never to AWS, whatever the environment holds.
process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = 'http://127.0.0.1:9';
process.env.AWS_REGION = 'eu-west-1';
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'example-secret-for-a-refused-loopback-port';
for (const name of compiled ? names : []) {
  const { handler } = await import(
    pathToFileURL(resolve('build', name.replace(/\.ts$/, '.js'))).href
  );
  const root = startTrace();
  const context = lambdaContext();
  // Real REST events carry `isBase64Encoded` (the Router needs it); the public sample does not.
  const answer = await handler(
    { ...fixture('apigw-request.json'), isBase64Encoded: false },
    context,
  );
  const ok =
    Number.isInteger(answer?.statusCode) &&
    typeof answer.body === 'string' &&
    (answer.statusCode < 400 ||
      (JSON.parse(answer.body).traceId === root &&
        JSON.parse(answer.body).requestId === context.awsRequestId));
  check(`${name} answers the REST event by the contract (${answer?.statusCode})`, ok, answer);
}
