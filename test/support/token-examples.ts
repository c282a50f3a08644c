/**
 * A made-up example of every token family in `src/core/redact/tokens.ts`, keyed by the family's
 * name. They live here, not in the table, so that no deployed handler carries them (about 1 KB
 * gzip): they exist only for the tests. Built from parts with repeated `EXAMPLE` text, so that
 * no complete real-looking token sits in the source (secret scanners and push protection stay
 * quiet) while every example still matches its family's shape. `exampleOf` fails for a family
 * without one, and a test fails for an example without its family.
 */
import type { TokenFamily } from '../../src/core/redact/tokens.js';

/** `length` characters of `alphabet`, repeated. */
const cycle = (alphabet: string, length: number): string =>
  Array.from({ length }, (_, i) => alphabet[i % alphabet.length]).join('');
/** A made-up body: `EXAMPLE`, lower and upper case and digits. */
const alnum = (length: number): string => cycle('EXAMPLEexample0123456789', length);
/** A made-up lower-case hex body. */
const hex = (length: number): string => cycle('0123456789abcdef', length);
/** A made-up upper-case and digits body. */
const upper = (length: number): string => cycle('EXAMPLE0123456789', length);
/** A made-up lower-case and digits body. */
const lower = (length: number): string => cycle('example0123456789', length);
/** Joins parts, so that no token prefix and body stand together in the source. */
const join = (...parts: string[]): string => parts.join('');

/** Family name to a builder of one made-up token of that family. */
export const TOKEN_EXAMPLES: Readonly<Record<string, () => string>> = {
  'JSON Web Token': () => join('ey', 'JhbGciOiJIUzI1NiJ9.', 'ey', 'J', alnum(20), '.', alnum(30)),
  'AWS access key id': () => join('AK', 'IA', upper(16)),
  'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)': () => join('gh', 'p_', alnum(36)),
  'GitHub fine-grained token': () => join('github', '_pat_', alnum(22), '_', alnum(59)),
  'GitLab token (glpat-, gldt-, glrt-, glptt-)': () => join('gl', 'pat-', alnum(20)),
  'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_)': () =>
    join('sk', '_live_', alnum(24)),
  'Stripe webhook secret': () => join('wh', 'sec_', alnum(32)),
  'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-)': () =>
    join('xo', 'xb-', hex(10), '-', alnum(24)),
  'Slack app-level token': () => join('xa', 'pp-1-', upper(11), '-', hex(20)),
  'Slack webhook URL': () =>
    join('hooks.slack', '.com/services/T', upper(8), '/B', upper(8), '/', alnum(24)),
  'Google API key': () => join('AI', 'za', alnum(35)),
  'Google OAuth client secret': () => join('GOC', 'SPX-', alnum(28)),
  'Google OAuth access token': () => join('ya', '29.', alnum(40)),
  'npm access token': () => join('np', 'm_', alnum(36)),
  'PyPI upload token': () => join('py', 'pi-AgEIcHlwaS5vcmc', alnum(60)),
  'Anthropic API key': () => join('sk', '-ant-api03-', alnum(40)),
  'OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, sk-)': () => join('sk', '-proj-', alnum(48)),
  'Twilio API key': () => join('S', 'K', hex(32)),
  'Twilio account SID': () => join('A', 'C', hex(32)),
  'SendGrid API key': () => join('S', 'G.', alnum(22), '.', alnum(43)),
  'Shopify token (shpat_, shpca_, shppa_, shpss_)': () => join('sh', 'pat_', hex(32)),
  'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)': () => join('do', 'p_v1_', hex(64)),
  'Heroku API key': () => join('HR', 'KU-AA', alnum(58)),
  'Atlassian API token': () => join('ATA', 'TT3', alnum(186)),
  'Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)': () =>
    join('dp', '.pt.', alnum(43)),
  'HashiCorp Vault token (hvs., hvb.)': () => join('hv', 's.', alnum(90)),
  'Databricks token': () => join('da', 'pi', hex(32)),
  'Linear API key': () => join('lin', '_api_', alnum(40)),
  'Postman API key': () => join('PM', 'AK-', hex(24), '-', hex(34)),
  'age secret key': () =>
    join('AGE-SEC', 'RET-KEY-1', cycle('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)),
  'Grafana token (glc_, glsa_)': () => join('gl', 'sa_', alnum(32), '_', hex(8)),
  'Hugging Face token': () => join('h', 'f_', alnum(34)),
  'Square token (sq0atp-, sq0csp-)': () => join('sq', '0atp-', alnum(22)),
  'New Relic key (NRAK-, NRJS-)': () => join('NR', 'AK-', upper(27)),
  'Sentry token (sntrys_, sntryu_)': () => join('sn', 'tryu_', hex(64)),
  'Pulumi access token': () => join('pu', 'l-', hex(40)),
  'Supabase access token': () => join('sb', 'p_', hex(40)),
  'Notion integration token (ntn_)': () => join('nt', 'n_', alnum(46)),
  'Airtable personal access token': () => join('pa', 't', alnum(14), '.', hex(64)),
  'Dropbox access token': () => join('s', 'l.', alnum(140)),
  'Mailgun API key': () => join('ke', 'y-', hex(32)),
  'Fly.io token': () => join('fo', '1_', alnum(43)),
  'Azure AD client secret': () => join('abc', '8Q', '~', alnum(34)),
  'Docker Hub access token': () => join('dckr', '_pat_', alnum(27)),
  'PlanetScale token or password (pscale_tkn_, pscale_pw_, pscale_oauth_)': () =>
    join('pscale', '_tkn_', alnum(43)),
  'RubyGems API key': () => join('ruby', 'gems_', hex(48)),
  'JFrog Artifactory API key': () => join('AK', 'Cp', alnum(69)),
  'Flutterwave secret key': () => join('FLW', 'SECK_TEST-', hex(32), '-X'),
  'Prefect API key': () => join('pn', 'u_', lower(36)),
  'ReadMe API key': () => join('rd', 'me_', lower(70)),
  'Frame.io API token': () => join('fio', '-u-', alnum(64)),
  'Clojars deploy token': () => join('CLO', 'JARS_', lower(60)),
  'Duffel API token': () => join('duf', 'fel_test_', alnum(43)),
  'EasyPost API key (EZAK, EZTK)': () => join('EZ', 'AK', alnum(54)),
  'Brevo (Sendinblue) API key': () => join('xkey', 'sib-', hex(64), '-', alnum(16)),
  'Shippo API token': () => join('ship', 'po_live_', hex(40)),
  'Sourcegraph access token': () => join('sg', 'p_', hex(40)),
  'Groq API key': () => join('gs', 'k_', alnum(52)),
  'Perplexity API key': () => join('pp', 'lx-', alnum(48)),
  'Replicate API token': () => join('r', '8_', alnum(37)),
  'xAI API key': () => join('xa', 'i-', alnum(80)),
  'Bitbucket app password': () => join('AT', 'BB', alnum(32)),
  'Alibaba Cloud access key id': () => join('LT', 'AI', alnum(20)),
  'Infracost API key': () => join('ic', 'o-', alnum(32)),
  'Mapbox secret token': () => join('sk', '.ey', 'J', alnum(40), '.', alnum(22)),
  'Octopus Deploy API key': () => join('AP', 'I-', upper(26)),
  '1Password service account token': () => join('ops', '_ey', 'J', alnum(260)),
  'Facebook access token': () => join('EA', 'AM', alnum(120)),
  'Plaid access token': () =>
    join('acc', 'ess-sandbox-', hex(8), '-', hex(4), '-', hex(4), '-', hex(4), '-', hex(12)),
  'NuGet API key': () => join('oy', '2', lower(43)),
  'Scalingo API token': () => join('tk', '-us-', alnum(48)),
  'Typeform personal token': () => join('tf', 'p_', alnum(59)),
  'Adobe client secret': () => join('p8', 'e-', alnum(32)),
  'Buildkite agent or API token': () => join('bk', 'ua_', hex(40)),
  'CircleCI personal token': () => join('CCI', 'PAT_', alnum(22), '_', hex(40)),
  'Render API key': () => join('rn', 'd_', alnum(32)),
};

/** The made-up example of `family`; throws when the family has none (add it above). */
export const exampleOf = (family: TokenFamily): string => {
  const build = TOKEN_EXAMPLES[family.name];
  if (build === undefined) throw new Error(`no example for token family "${family.name}"`);
  return build();
};
