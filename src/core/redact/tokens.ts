/**
 * The ONE table of token families known by their shape: keywords, then a bounded body, as
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
import { family, type TokenFamily } from './token-family.js';
import { wordFinder } from './word-finder.js';

export type { TokenFamily } from './token-family.js';

/** No token character before a token: the guard of every family. */
export const TOKEN_GUARD = '(?<![A-Za-z0-9_-])';

export const TOKEN_FAMILIES: readonly TokenFamily[] = [
  family(
    'JSON Web Token',
    ['eyJ'],
    'eyJ[A-Za-z0-9_-]{2,8192}\\.eyJ[A-Za-z0-9_-]{2,8192}\\.[A-Za-z0-9_-]{0,8192}',
  ),
  family(
    'AWS access key id',
    ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
    '(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}',
  ),
  family(
    'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_)',
    ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
    'gh[pousr]_[A-Za-z0-9]{36,255}',
  ),
  family('GitHub fine-grained token', ['github_pat_'], 'github_pat_[A-Za-z0-9_]{82,255}'),
  family(
    'GitLab token (glpat-, gldt-, glrt-, glptt-)',
    ['glpat-', 'gldt-', 'glrt-', 'glptt-', 'glsoat-', 'glcbt-'],
    'gl(?:pat|dt|rt|ptt|soat|cbt)-[A-Za-z0-9_-]{20,255}',
  ),
  family(
    'Stripe secret or restricted key (sk_live_, rk_live_, sk_test_)',
    ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'],
    '[sr]k_(?:live|test)_[A-Za-z0-9]{10,255}',
  ),
  family('Stripe webhook secret', ['whsec_'], 'whsec_[A-Za-z0-9]{32,255}'),
  family(
    'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxe-)',
    ['xox'],
    'xox[baprse]-[A-Za-z0-9-]{10,255}',
  ),
  family('Slack app-level token', ['xapp-'], 'xapp-[A-Za-z0-9-]{10,255}'),
  family(
    'Slack webhook URL',
    ['hooks.slack.com/'],
    'hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,255}',
  ),
  family('Google API key', ['AIza'], 'AIza[A-Za-z0-9_-]{35}'),
  family('Google OAuth client secret', ['GOCSPX-'], 'GOCSPX-[A-Za-z0-9_-]{28,64}'),
  family('Google OAuth access token', ['ya29.'], 'ya29\\.[A-Za-z0-9_-]{20,2048}'),
  family('npm access token', ['npm_'], 'npm_[A-Za-z0-9]{36,255}'),
  family('PyPI upload token', ['pypi-'], 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}'),
  family('Anthropic API key', ['sk-ant-'], 'sk-ant-[A-Za-z0-9_-]{20,255}'),
  family(
    'OpenAI API key (sk-proj-, sk-svcacct-, sk-admin-, sk-)',
    ['sk-'],
    'sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}',
  ),
  family('Twilio API key', ['SK'], 'SK[0-9a-fA-F]{32}'),
  family('Twilio account SID', ['AC'], 'AC[0-9a-fA-F]{32}'),
  family('SendGrid API key', ['SG.'], 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}'),
  family(
    'Shopify token (shpat_, shpca_, shppa_, shpss_)',
    ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}',
  ),
  family(
    'DigitalOcean token (dop_v1_, doo_v1_, dor_v1_)',
    ['doo_v1_', 'dop_v1_', 'dor_v1_'],
    'do[opr]_v1_[a-f0-9]{64}',
  ),
  family('Heroku API key', ['HRKU-'], 'HRKU-[A-Za-z0-9_-]{58,64}'),
  family('Atlassian API token', ['ATATT3'], 'ATATT3[A-Za-z0-9_=-]{180,255}'),
  family(
    'Doppler token (dp.pt., dp.st., dp.sa., dp.ct., dp.scim., dp.audit.)',
    ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.', 'dp.scim.', 'dp.audit.'],
    'dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,64}',
  ),
  family('HashiCorp Vault token (hvs., hvb.)', ['hvs.', 'hvb.'], 'hv[sb]\\.[A-Za-z0-9_-]{24,300}'),
  family('Databricks token', ['dapi'], 'dapi[a-f0-9]{32}'),
  family('Linear API key', ['lin_api_'], 'lin_api_[A-Za-z0-9]{40}'),
  family('Postman API key', ['PMAK-'], 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}'),
  family(
    'age secret key',
    ['AGE-SECRET-KEY-1'],
    'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}',
  ),
  family(
    'Grafana token (glc_, glsa_)',
    ['glc_', 'glsa_'],
    'gl(?:c|sa)_[A-Za-z0-9_+/]{32,400}={0,2}',
  ),
  family('Hugging Face token', ['hf_'], 'hf_[A-Za-z0-9]{34,64}'),
  family(
    'Square token (sq0atp-, sq0csp-)',
    ['sq0atp-', 'sq0csp-'],
    'sq0(?:atp|csp)-[A-Za-z0-9_-]{22,64}',
  ),
  family(
    'New Relic key (NRAK-, NRJS-)',
    ['NRAK-', 'NRJS-', 'NRII-'],
    'NR(?:AK|JS|II)-[A-Za-z0-9]{19,40}',
  ),
  family('Sentry token (sntrys_, sntryu_)', ['sntry'], 'sntry[su]_[A-Za-z0-9_+/=]{50,400}'),
  family('Pulumi access token', ['pul-'], 'pul-[a-f0-9]{40}'),
  family('Supabase access token', ['sbp_'], 'sbp_[a-f0-9]{40}'),
  family('Notion integration token (ntn_)', ['ntn_'], 'ntn_[A-Za-z0-9]{40,64}'),
  family('Airtable personal access token', ['pat'], 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}'),
  family('Dropbox access token', ['sl.'], 'sl\\.[A-Za-z0-9_-]{130,255}'),
  family('Mailgun API key', ['key-'], 'key-[a-f0-9]{32}'),
  family('Fly.io token', ['fo1_'], 'fo1_[A-Za-z0-9_-]{43}'),
  family('Azure AD client secret', ['Q~'], '[A-Za-z0-9_.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}'),
  family('Docker Hub access token', ['dckr_pat_'], 'dckr_pat_[A-Za-z0-9_-]{27}'),
  family(
    'PlanetScale token or password (pscale_tkn_, pscale_pw_, pscale_oauth_)',
    ['pscale_'],
    'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}',
  ),
  family('RubyGems API key', ['rubygems_'], 'rubygems_[a-f0-9]{48}'),
  family('JFrog Artifactory API key', ['AKCp'], 'AKCp[A-Za-z0-9]{69}'),
  family('Flutterwave secret key', ['FLWSECK'], 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X'),
  family('Prefect API key', ['pnu_'], 'pnu_[a-z0-9]{36}'),
  family('ReadMe API key', ['rdme_'], 'rdme_[a-z0-9]{70}'),
  family('Frame.io API token', ['fio-u-'], 'fio-u-[A-Za-z0-9_=-]{64}'),
  family('Clojars deploy token', ['CLOJARS_'], 'CLOJARS_[a-z0-9]{60}'),
  family('Duffel API token', ['duffel_'], 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}'),
  family('EasyPost API key (EZAK, EZTK)', ['EZAK', 'EZTK'], 'EZ[AT]K[A-Za-z0-9]{54}'),
  family('Brevo (Sendinblue) API key', ['xkeysib-'], 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  family('Shippo API token', ['shippo_'], 'shippo_(?:live|test)_[a-f0-9]{40}'),
  family('Sourcegraph access token', ['sgp_'], 'sgp_[a-f0-9_]{40,57}'),
  family('Groq API key', ['gsk_'], 'gsk_[A-Za-z0-9]{52}'),
  family('Perplexity API key', ['pplx-'], 'pplx-[A-Za-z0-9]{48}'),
  family('Replicate API token', ['r8_'], 'r8_[A-Za-z0-9]{37}'),
  family('xAI API key', ['xai-'], 'xai-[A-Za-z0-9]{80}'),
  family('Bitbucket app password', ['ATBB'], 'ATBB[A-Za-z0-9_=.-]{32}'),
  family('Alibaba Cloud access key id', ['LTAI'], 'LTAI[A-Za-z0-9]{20}'),
  family('Infracost API key', ['ico-'], 'ico-[A-Za-z0-9]{32}'),
  family(
    'Mapbox secret token',
    ['sk.eyJ'],
    'sk\\.eyJ[A-Za-z0-9_-]{20,255}\\.[A-Za-z0-9_-]{20,255}',
  ),
  family('Octopus Deploy API key', ['API-'], 'API-[A-Z0-9]{26}'),
  family('1Password service account token', ['ops_eyJ'], 'ops_eyJ[A-Za-z0-9+/=]{250,4096}'),
  family('Facebook access token', ['EAAM', 'EAAC'], 'EAA[MC][A-Za-z0-9]{100,255}'),
  family(
    'Plaid access token',
    ['access-'],
    'access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
  ),
  family('NuGet API key', ['oy2'], 'oy2[a-z0-9]{43}'),
  family('Scalingo API token', ['tk-us-'], 'tk-us-[A-Za-z0-9_-]{48}'),
  family('Typeform personal token', ['tfp_'], 'tfp_[A-Za-z0-9_.=-]{59}'),
  family('Adobe client secret', ['p8e-'], 'p8e-[A-Za-z0-9]{32}'),
  family('Buildkite agent or API token', ['bkua_'], 'bkua_[a-f0-9]{40}'),
  family('CircleCI personal token', ['CCIPAT_'], 'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}'),
  family('Render API key', ['rnd_'], 'rnd_[A-Za-z0-9]{32}'),
];

/** Every family in one expression (global): the token rule's single pass, built on first use. */
export const tokenPattern = lazy(
  () => new RegExp(TOKEN_FAMILIES.map((entry) => `${TOKEN_GUARD}${entry.pattern}`).join('|'), 'g'),
);

const findKeyword = lazy(() => wordFinder(TOKEN_FAMILIES.flatMap((entry) => entry.keywords)));

/**
 * Whether `text` holds a keyword of any family: without one, no token can be in it, and the
 * token rule does not build its expression.
 */
export const mayHoldToken = (text: string): boolean => findKeyword()(text);
