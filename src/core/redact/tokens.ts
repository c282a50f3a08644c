/**
 * The ONE table of token families known by their shape: a fixed prefix and a bounded body, as
 * secret scanners (gitleaks, GitHub secret scanning) know them. Each entry carries a made-up
 * example, built at run time from parts so that no complete token sits in the source; the tests
 * check that every example is redacted and the docs' table lists these entries.
 *
 * Every pattern starts with the same guard (no token character before it), so a long run of
 * token characters is tried once, at its start, and ends in a greedy bounded body with nothing
 * after it: no pattern can backtrack more than its own body.
 */

import { alnum, cycle, hex, join, type TokenFamily, upper } from './token-family.js';
import { MORE_TOKEN_FAMILIES } from './tokens-more.js';

export type { TokenFamily } from './token-family.js';

/** No token character before a token: the guard of every family. */
export const TOKEN_GUARD = '(?<![A-Za-z0-9_-])';

export const TOKEN_FAMILIES: readonly TokenFamily[] = [
  {
    name: 'JSON Web Token',
    prefix: 'eyJ',
    pattern: 'eyJ[A-Za-z0-9_-]{2,8192}\\.eyJ[A-Za-z0-9_-]{2,8192}\\.[A-Za-z0-9_-]{0,8192}',
    example: () => join('ey', 'JhbGciOiJIUzI1NiJ9.', 'ey', 'J', alnum(20), '.', alnum(30)),
  },
  {
    name: 'AWS access key id',
    prefix: 'AKIA',
    pattern: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}',
    example: () => join('AK', 'IA', upper(16)),
  },
  {
    name: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    prefix: 'gh',
    pattern: 'gh[pousr]_[A-Za-z0-9]{36,255}',
    example: () => join('gh', 'p_', alnum(36)),
  },
  {
    name: 'GitHub fine-grained token',
    prefix: 'github_pat_',
    pattern: 'github_pat_[A-Za-z0-9_]{82,255}',
    example: () => join('github', '_pat_', alnum(22), '_', alnum(59)),
  },
  {
    name: 'GitLab token (glpat-, gldt-, glrt-, glptt-)',
    prefix: 'gl',
    pattern: 'gl(?:pat|dt|rt|ptt|soat|cbt)-[A-Za-z0-9_-]{20,255}',
    example: () => join('gl', 'pat-', alnum(20)),
  },
  {
    name: 'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_)',
    prefix: 'k_',
    pattern: '[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}',
    example: () => join('sk', '_live_', alnum(24)),
  },
  {
    name: 'Stripe webhook secret',
    prefix: 'whsec_',
    pattern: 'whsec_[A-Za-z0-9]{32,255}',
    example: () => join('wh', 'sec_', alnum(32)),
  },
  {
    name: 'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-)',
    prefix: 'xox',
    pattern: 'xox[baprse]-[A-Za-z0-9-]{10,255}',
    example: () => join('xo', 'xb-', hex(10), '-', alnum(24)),
  },
  {
    name: 'Slack app-level token',
    prefix: 'xapp-',
    pattern: 'xapp-[A-Za-z0-9-]{10,255}',
    example: () => join('xa', 'pp-1-', upper(11), '-', hex(20)),
  },
  {
    name: 'Slack webhook URL',
    prefix: 'hooks.slack.com/',
    pattern: 'hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,255}',
    example: () => join('hooks.slack', '.com/services/T', upper(8), '/B', upper(8), '/', alnum(24)),
  },
  {
    name: 'Google API key',
    prefix: 'AIza',
    pattern: 'AIza[A-Za-z0-9_-]{35}',
    example: () => join('AI', 'za', alnum(35)),
  },
  {
    name: 'Google OAuth client secret',
    prefix: 'GOCSPX-',
    pattern: 'GOCSPX-[A-Za-z0-9_-]{28,64}',
    example: () => join('GOC', 'SPX-', alnum(28)),
  },
  {
    name: 'Google OAuth access token',
    prefix: 'ya29.',
    pattern: 'ya29\\.[A-Za-z0-9_-]{20,2048}',
    example: () => join('ya', '29.', alnum(40)),
  },
  {
    name: 'npm access token',
    prefix: 'npm_',
    pattern: 'npm_[A-Za-z0-9]{36,255}',
    example: () => join('np', 'm_', alnum(36)),
  },
  {
    name: 'PyPI upload token',
    prefix: 'pypi-',
    pattern: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}',
    example: () => join('py', 'pi-AgEIcHlwaS5vcmc', alnum(60)),
  },
  {
    name: 'Anthropic API key',
    prefix: 'sk-ant-',
    pattern: 'sk-ant-[A-Za-z0-9_-]{20,255}',
    example: () => join('sk', '-ant-api03-', alnum(40)),
  },
  {
    name: 'OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, sk-)',
    prefix: 'sk-',
    pattern: 'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}',
    example: () => join('sk', '-proj-', alnum(48)),
  },
  {
    name: 'Twilio API key',
    prefix: 'SK',
    pattern: 'SK[0-9a-fA-F]{32}',
    example: () => join('S', 'K', hex(32)),
  },
  {
    name: 'Twilio account SID',
    prefix: 'AC',
    pattern: 'AC[0-9a-fA-F]{32}',
    example: () => join('A', 'C', hex(32)),
  },
  {
    name: 'SendGrid API key',
    prefix: 'SG.',
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
    example: () => join('S', 'G.', alnum(22), '.', alnum(43)),
  },
  {
    name: 'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    prefix: 'shp',
    pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}',
    example: () => join('sh', 'pat_', hex(32)),
  },
  {
    name: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    prefix: '_v1_',
    pattern: 'do[opr]_v1_[a-f0-9]{64}',
    example: () => join('do', 'p_v1_', hex(64)),
  },
  {
    name: 'Heroku API key',
    prefix: 'HRKU-',
    pattern: 'HRKU-[A-Za-z0-9_-]{58,64}',
    example: () => join('HR', 'KU-AA', alnum(58)),
  },
  {
    name: 'Atlassian API token',
    prefix: 'ATATT3',
    pattern: 'ATATT3[A-Za-z0-9_=-]{180,255}',
    example: () => join('ATA', 'TT3', alnum(186)),
  },
  {
    name: 'Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)',
    prefix: 'dp.',
    pattern: 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,64}',
    example: () => join('dp', '.pt.', alnum(43)),
  },
  {
    name: 'HashiCorp Vault token (hvs., hvb.)',
    prefix: 'hv',
    pattern: 'hv[sb]\\.[A-Za-z0-9_-]{24,300}',
    example: () => join('hv', 's.', alnum(90)),
  },
  {
    name: 'Databricks token',
    prefix: 'dapi',
    pattern: 'dapi[a-f0-9]{32}',
    example: () => join('da', 'pi', hex(32)),
  },
  {
    name: 'Linear API key',
    prefix: 'lin_api_',
    pattern: 'lin_api_[A-Za-z0-9]{40}',
    example: () => join('lin', '_api_', alnum(40)),
  },
  {
    name: 'Postman API key',
    prefix: 'PMAK-',
    pattern: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}',
    example: () => join('PM', 'AK-', hex(24), '-', hex(34)),
  },
  {
    name: 'age secret key',
    prefix: 'AGE-SECRET-KEY-1',
    pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
    example: () => join('AGE-SEC', 'RET-KEY-1', cycle('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)),
  },
  {
    name: 'Grafana token (glc_, glsa_)',
    prefix: 'gl',
    pattern: 'gl(?:c|sa)_[A-Za-z0-9_+/]{32,400}={0,2}',
    example: () => join('gl', 'sa_', alnum(32), '_', hex(8)),
  },
  {
    name: 'Hugging Face token',
    prefix: 'hf_',
    pattern: 'hf_[A-Za-z0-9]{34,64}',
    example: () => join('h', 'f_', alnum(34)),
  },
  {
    name: 'Square token (sq0atp-, sq0csp-)',
    prefix: 'sq0',
    pattern: 'sq0(?:atp|csp)-[A-Za-z0-9_-]{22,64}',
    example: () => join('sq', '0atp-', alnum(22)),
  },
  {
    name: 'New Relic key (NRAK-, NRJS-)',
    prefix: 'NR',
    pattern: 'NR(?:AK|JS|II)-[A-Za-z0-9]{19,40}',
    example: () => join('NR', 'AK-', upper(27)),
  },
  {
    name: 'Sentry token (sntrys_, sntryu_)',
    prefix: 'sntry',
    pattern: 'sntry[su]_[A-Za-z0-9_+/=]{50,400}',
    example: () => join('sn', 'tryu_', hex(64)),
  },
  {
    name: 'Pulumi access token',
    prefix: 'pul-',
    pattern: 'pul-[a-f0-9]{40}',
    example: () => join('pu', 'l-', hex(40)),
  },
  {
    name: 'Supabase access token',
    prefix: 'sbp_',
    pattern: 'sbp_[a-f0-9]{40}',
    example: () => join('sb', 'p_', hex(40)),
  },
  {
    name: 'Notion integration token (ntn_)',
    prefix: 'ntn_',
    pattern: 'ntn_[A-Za-z0-9]{40,64}',
    example: () => join('nt', 'n_', alnum(46)),
  },
  {
    name: 'Airtable personal access token',
    prefix: 'pat',
    pattern: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
    example: () => join('pa', 't', alnum(14), '.', hex(64)),
  },
  {
    name: 'Dropbox access token',
    prefix: 'sl.',
    pattern: 'sl\\.[A-Za-z0-9_-]{130,255}',
    example: () => join('s', 'l.', alnum(140)),
  },
  {
    name: 'Mailgun API key',
    prefix: 'key-',
    pattern: 'key-[a-f0-9]{32}',
    example: () => join('ke', 'y-', hex(32)),
  },
  {
    name: 'Fly.io token',
    prefix: 'fo1_',
    pattern: 'fo1_[A-Za-z0-9_-]{43}',
    example: () => join('fo', '1_', alnum(43)),
  },
  {
    name: 'Azure AD client secret',
    prefix: 'Q~',
    pattern: '[A-Za-z0-9_.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
    example: () => join('abc', '8Q', '~', alnum(34)),
  },
  // Families with a compact entry each, in their own file only to keep files short.
  ...MORE_TOKEN_FAMILIES,
];

/** Every family in one expression (global): the token rule's single pass. */
export const TOKEN_PATTERN = new RegExp(
  TOKEN_FAMILIES.map((family) => `${TOKEN_GUARD}${family.pattern}`).join('|'),
  'g',
);
