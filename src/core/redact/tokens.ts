/**
 * The ONE table of token families known by their shape: a fixed prefix and a bounded body, as
 * secret scanners (gitleaks, GitHub secret scanning) know them. Each family's made-up example
 * lives with the tests (`test/support/token-examples.ts`, keyed by name), not here, so no
 * deployed handler carries it; the tests check that every example is redacted and the docs'
 * table lists these entries.
 *
 * Every pattern starts with the same guard (no token character before it), so a long run of
 * token characters is tried once, at its start, and ends in a greedy bounded body with nothing
 * after it: no pattern can backtrack more than its own body.
 */

import { lazy } from '../memo.js';
import type { TokenFamily } from './token-family.js';
import { MORE_TOKEN_FAMILIES } from './tokens-more.js';

export type { TokenFamily } from './token-family.js';

/** No token character before a token: the guard of every family. */
export const TOKEN_GUARD = '(?<![A-Za-z0-9_-])';

export const TOKEN_FAMILIES: readonly TokenFamily[] = [
  {
    name: 'JSON Web Token',
    prefix: 'eyJ',
    pattern: 'eyJ[A-Za-z0-9_-]{2,8192}\\.eyJ[A-Za-z0-9_-]{2,8192}\\.[A-Za-z0-9_-]{0,8192}',
  },
  {
    name: 'AWS access key id',
    prefix: 'AKIA',
    pattern: '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}',
  },
  {
    name: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    prefix: 'gh',
    pattern: 'gh[pousr]_[A-Za-z0-9]{36,255}',
  },
  {
    name: 'GitHub fine-grained token',
    prefix: 'github_pat_',
    pattern: 'github_pat_[A-Za-z0-9_]{82,255}',
  },
  {
    name: 'GitLab token (glpat-, gldt-, glrt-, glptt-)',
    prefix: 'gl',
    pattern: 'gl(?:pat|dt|rt|ptt|soat|cbt)-[A-Za-z0-9_-]{20,255}',
  },
  {
    name: 'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_)',
    prefix: 'k_',
    pattern: '[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}',
  },
  {
    name: 'Stripe webhook secret',
    prefix: 'whsec_',
    pattern: 'whsec_[A-Za-z0-9]{32,255}',
  },
  {
    name: 'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-)',
    prefix: 'xox',
    pattern: 'xox[baprse]-[A-Za-z0-9-]{10,255}',
  },
  {
    name: 'Slack app-level token',
    prefix: 'xapp-',
    pattern: 'xapp-[A-Za-z0-9-]{10,255}',
  },
  {
    name: 'Slack webhook URL',
    prefix: 'hooks.slack.com/',
    pattern: 'hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,255}',
  },
  {
    name: 'Google API key',
    prefix: 'AIza',
    pattern: 'AIza[A-Za-z0-9_-]{35}',
  },
  {
    name: 'Google OAuth client secret',
    prefix: 'GOCSPX-',
    pattern: 'GOCSPX-[A-Za-z0-9_-]{28,64}',
  },
  {
    name: 'Google OAuth access token',
    prefix: 'ya29.',
    pattern: 'ya29\\.[A-Za-z0-9_-]{20,2048}',
  },
  {
    name: 'npm access token',
    prefix: 'npm_',
    pattern: 'npm_[A-Za-z0-9]{36,255}',
  },
  {
    name: 'PyPI upload token',
    prefix: 'pypi-',
    pattern: 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}',
  },
  {
    name: 'Anthropic API key',
    prefix: 'sk-ant-',
    pattern: 'sk-ant-[A-Za-z0-9_-]{20,255}',
  },
  {
    name: 'OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, sk-)',
    prefix: 'sk-',
    pattern: 'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}',
  },
  {
    name: 'Twilio API key',
    prefix: 'SK',
    pattern: 'SK[0-9a-fA-F]{32}',
  },
  {
    name: 'Twilio account SID',
    prefix: 'AC',
    pattern: 'AC[0-9a-fA-F]{32}',
  },
  {
    name: 'SendGrid API key',
    prefix: 'SG.',
    pattern: 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}',
  },
  {
    name: 'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    prefix: 'shp',
    pattern: 'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}',
  },
  {
    name: 'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    prefix: '_v1_',
    pattern: 'do[opr]_v1_[a-f0-9]{64}',
  },
  {
    name: 'Heroku API key',
    prefix: 'HRKU-',
    pattern: 'HRKU-[A-Za-z0-9_-]{58,64}',
  },
  {
    name: 'Atlassian API token',
    prefix: 'ATATT3',
    pattern: 'ATATT3[A-Za-z0-9_=-]{180,255}',
  },
  {
    name: 'Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)',
    prefix: 'dp.',
    pattern: 'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,64}',
  },
  {
    name: 'HashiCorp Vault token (hvs., hvb.)',
    prefix: 'hv',
    pattern: 'hv[sb]\\.[A-Za-z0-9_-]{24,300}',
  },
  {
    name: 'Databricks token',
    prefix: 'dapi',
    pattern: 'dapi[a-f0-9]{32}',
  },
  {
    name: 'Linear API key',
    prefix: 'lin_api_',
    pattern: 'lin_api_[A-Za-z0-9]{40}',
  },
  {
    name: 'Postman API key',
    prefix: 'PMAK-',
    pattern: 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}',
  },
  {
    name: 'age secret key',
    prefix: 'AGE-SECRET-KEY-1',
    pattern: 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  },
  {
    name: 'Grafana token (glc_, glsa_)',
    prefix: 'gl',
    pattern: 'gl(?:c|sa)_[A-Za-z0-9_+/]{32,400}={0,2}',
  },
  {
    name: 'Hugging Face token',
    prefix: 'hf_',
    pattern: 'hf_[A-Za-z0-9]{34,64}',
  },
  {
    name: 'Square token (sq0atp-, sq0csp-)',
    prefix: 'sq0',
    pattern: 'sq0(?:atp|csp)-[A-Za-z0-9_-]{22,64}',
  },
  {
    name: 'New Relic key (NRAK-, NRJS-)',
    prefix: 'NR',
    pattern: 'NR(?:AK|JS|II)-[A-Za-z0-9]{19,40}',
  },
  {
    name: 'Sentry token (sntrys_, sntryu_)',
    prefix: 'sntry',
    pattern: 'sntry[su]_[A-Za-z0-9_+/=]{50,400}',
  },
  {
    name: 'Pulumi access token',
    prefix: 'pul-',
    pattern: 'pul-[a-f0-9]{40}',
  },
  {
    name: 'Supabase access token',
    prefix: 'sbp_',
    pattern: 'sbp_[a-f0-9]{40}',
  },
  {
    name: 'Notion integration token (ntn_)',
    prefix: 'ntn_',
    pattern: 'ntn_[A-Za-z0-9]{40,64}',
  },
  {
    name: 'Airtable personal access token',
    prefix: 'pat',
    pattern: 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}',
  },
  {
    name: 'Dropbox access token',
    prefix: 'sl.',
    pattern: 'sl\\.[A-Za-z0-9_-]{130,255}',
  },
  {
    name: 'Mailgun API key',
    prefix: 'key-',
    pattern: 'key-[a-f0-9]{32}',
  },
  {
    name: 'Fly.io token',
    prefix: 'fo1_',
    pattern: 'fo1_[A-Za-z0-9_-]{43}',
  },
  {
    name: 'Azure AD client secret',
    prefix: 'Q~',
    pattern: '[A-Za-z0-9_.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}',
  },
  // Families with a compact entry each, in their own file only to keep files short.
  ...MORE_TOKEN_FAMILIES,
];

/** Every family in one expression (global): the token rule's single pass, built on first use. */
export const tokenPattern = lazy(
  () =>
    new RegExp(TOKEN_FAMILIES.map((family) => `${TOKEN_GUARD}${family.pattern}`).join('|'), 'g'),
);
