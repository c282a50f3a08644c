/**
 * More families of the one token table (`tokens.ts` appends them): the rest of the prefixed
 * formats secret scanners (gitleaks, GitHub secret scanning) know, one compact entry each. Same
 * rules as there: a literal prefix and a bounded body (the tests' examples are in
 * `test/support/token-examples.ts`).
 */
import type { TokenFamily } from './token-family.js';

const family = (name: string, prefix: string, pattern: string): TokenFamily => ({
  name,
  prefix,
  pattern,
});

export const MORE_TOKEN_FAMILIES: readonly TokenFamily[] = [
  family('Docker Hub access token', 'dckr_pat_', 'dckr_pat_[A-Za-z0-9_-]{27}'),
  family(
    'PlanetScale token or password (pscale_tkn_, pscale_pw_, pscale_oauth_)',
    'pscale_',
    'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}',
  ),
  family('RubyGems API key', 'rubygems_', 'rubygems_[a-f0-9]{48}'),
  family('JFrog Artifactory API key', 'AKCp', 'AKCp[A-Za-z0-9]{69}'),
  family('Flutterwave secret key', 'FLWSECK', 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X'),
  family('Prefect API key', 'pnu_', 'pnu_[a-z0-9]{36}'),
  family('ReadMe API key', 'rdme_', 'rdme_[a-z0-9]{70}'),
  family('Frame.io API token', 'fio-u-', 'fio-u-[A-Za-z0-9_=-]{64}'),
  family('Clojars deploy token', 'CLOJARS_', 'CLOJARS_[a-z0-9]{60}'),
  family('Duffel API token', 'duffel_', 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}'),
  family('EasyPost API key (EZAK, EZTK)', 'EZ', 'EZ[AT]K[A-Za-z0-9]{54}'),
  family('Brevo (Sendinblue) API key', 'xkeysib-', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}'),
  family('Shippo API token', 'shippo_', 'shippo_(?:live|test)_[a-f0-9]{40}'),
  family('Sourcegraph access token', 'sgp_', 'sgp_[a-f0-9_]{40,57}'),
  family('Groq API key', 'gsk_', 'gsk_[A-Za-z0-9]{52}'),
  family('Perplexity API key', 'pplx-', 'pplx-[A-Za-z0-9]{48}'),
  family('Replicate API token', 'r8_', 'r8_[A-Za-z0-9]{37}'),
  family('xAI API key', 'xai-', 'xai-[A-Za-z0-9]{80}'),
  family('Bitbucket app password', 'ATBB', 'ATBB[A-Za-z0-9_=.-]{32}'),
  family('Alibaba Cloud access key id', 'LTAI', 'LTAI[A-Za-z0-9]{20}'),
  family('Infracost API key', 'ico-', 'ico-[A-Za-z0-9]{32}'),
  family('Mapbox secret token', 'sk.eyJ', 'sk\\.eyJ[A-Za-z0-9_-]{20,255}\\.[A-Za-z0-9_-]{20,255}'),
  family('Octopus Deploy API key', 'API-', 'API-[A-Z0-9]{26}'),
  family('1Password service account token', 'ops_eyJ', 'ops_eyJ[A-Za-z0-9+/=]{250,4096}'),
  family('Facebook access token', 'EAA', 'EAA[MC][A-Za-z0-9]{100,255}'),
  family(
    'Plaid access token',
    'access-',
    'access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
  ),
  family('NuGet API key', 'oy2', 'oy2[a-z0-9]{43}'),
  family('Scalingo API token', 'tk-us-', 'tk-us-[A-Za-z0-9_-]{48}'),
  family('Typeform personal token', 'tfp_', 'tfp_[A-Za-z0-9_.=-]{59}'),
  family('Adobe client secret', 'p8e-', 'p8e-[A-Za-z0-9]{32}'),
  family('Buildkite agent or API token', 'bkua_', 'bkua_[a-f0-9]{40}'),
  family('CircleCI personal token', 'CCIPAT_', 'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}'),
  family('Render API key', 'rnd_', 'rnd_[A-Za-z0-9]{32}'),
];
