/**
 * More families of the one token table (`tokens.ts` appends them): the rest of the prefixed
 * formats secret scanners (gitleaks, GitHub secret scanning) know, one compact entry each. Same
 * rules as there: a literal prefix, a bounded body, a made-up example built from parts.
 */
import { alnum, hex, join, lower, type TokenFamily, upper } from './token-family.js';

const family = (
  name: string,
  prefix: string,
  pattern: string,
  example: () => string,
): TokenFamily => ({ name, prefix, pattern, example });

export const MORE_TOKEN_FAMILIES: readonly TokenFamily[] = [
  family('Docker Hub access token', 'dckr_pat_', 'dckr_pat_[A-Za-z0-9_-]{27}', () =>
    join('dckr', '_pat_', alnum(27)),
  ),
  family(
    'PlanetScale token or password (pscale_tkn_, pscale_pw_, pscale_oauth_)',
    'pscale_',
    'pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64}',
    () => join('pscale', '_tkn_', alnum(43)),
  ),
  family('RubyGems API key', 'rubygems_', 'rubygems_[a-f0-9]{48}', () =>
    join('ruby', 'gems_', hex(48)),
  ),
  family('JFrog Artifactory API key', 'AKCp', 'AKCp[A-Za-z0-9]{69}', () =>
    join('AK', 'Cp', alnum(69)),
  ),
  family('Flutterwave secret key', 'FLWSECK', 'FLWSECK(?:_TEST)?-[a-h0-9]{32}-X', () =>
    join('FLW', 'SECK_TEST-', hex(32), '-X'),
  ),
  family('Prefect API key', 'pnu_', 'pnu_[a-z0-9]{36}', () => join('pn', 'u_', lower(36))),
  family('ReadMe API key', 'rdme_', 'rdme_[a-z0-9]{70}', () => join('rd', 'me_', lower(70))),
  family('Frame.io API token', 'fio-u-', 'fio-u-[A-Za-z0-9_=-]{64}', () =>
    join('fio', '-u-', alnum(64)),
  ),
  family('Clojars deploy token', 'CLOJARS_', 'CLOJARS_[a-z0-9]{60}', () =>
    join('CLO', 'JARS_', lower(60)),
  ),
  family('Duffel API token', 'duffel_', 'duffel_(?:test|live)_[A-Za-z0-9_=-]{43}', () =>
    join('duf', 'fel_test_', alnum(43)),
  ),
  family('EasyPost API key (EZAK, EZTK)', 'EZ', 'EZ[AT]K[A-Za-z0-9]{54}', () =>
    join('EZ', 'AK', alnum(54)),
  ),
  family('Brevo (Sendinblue) API key', 'xkeysib-', 'xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}', () =>
    join('xkey', 'sib-', hex(64), '-', alnum(16)),
  ),
  family('Shippo API token', 'shippo_', 'shippo_(?:live|test)_[a-f0-9]{40}', () =>
    join('ship', 'po_live_', hex(40)),
  ),
  family('Sourcegraph access token', 'sgp_', 'sgp_[a-f0-9_]{40,57}', () =>
    join('sg', 'p_', hex(40)),
  ),
  family('Groq API key', 'gsk_', 'gsk_[A-Za-z0-9]{52}', () => join('gs', 'k_', alnum(52))),
  family('Perplexity API key', 'pplx-', 'pplx-[A-Za-z0-9]{48}', () => join('pp', 'lx-', alnum(48))),
  family('Replicate API token', 'r8_', 'r8_[A-Za-z0-9]{37}', () => join('r', '8_', alnum(37))),
  family('xAI API key', 'xai-', 'xai-[A-Za-z0-9]{80}', () => join('xa', 'i-', alnum(80))),
  family('Bitbucket app password', 'ATBB', 'ATBB[A-Za-z0-9_=.-]{32}', () =>
    join('AT', 'BB', alnum(32)),
  ),
  family('Alibaba Cloud access key id', 'LTAI', 'LTAI[A-Za-z0-9]{20}', () =>
    join('LT', 'AI', alnum(20)),
  ),
  family('Infracost API key', 'ico-', 'ico-[A-Za-z0-9]{32}', () => join('ic', 'o-', alnum(32))),
  family(
    'Mapbox secret token',
    'sk.eyJ',
    'sk\\.eyJ[A-Za-z0-9_-]{20,255}\\.[A-Za-z0-9_-]{20,255}',
    () => join('sk', '.ey', 'J', alnum(40), '.', alnum(22)),
  ),
  family('Octopus Deploy API key', 'API-', 'API-[A-Z0-9]{26}', () => join('AP', 'I-', upper(26))),
  family('1Password service account token', 'ops_eyJ', 'ops_eyJ[A-Za-z0-9+/=]{250,4096}', () =>
    join('ops', '_ey', 'J', alnum(260)),
  ),
  family('Facebook access token', 'EAA', 'EAA[MC][A-Za-z0-9]{100,255}', () =>
    join('EA', 'AM', alnum(120)),
  ),
  family(
    'Plaid access token',
    'access-',
    'access-(?:sandbox|development|production)-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}',
    () => join('acc', 'ess-sandbox-', hex(8), '-', hex(4), '-', hex(4), '-', hex(4), '-', hex(12)),
  ),
  family('NuGet API key', 'oy2', 'oy2[a-z0-9]{43}', () => join('oy', '2', lower(43))),
  family('Scalingo API token', 'tk-us-', 'tk-us-[A-Za-z0-9_-]{48}', () =>
    join('tk', '-us-', alnum(48)),
  ),
  family('Typeform personal token', 'tfp_', 'tfp_[A-Za-z0-9_.=-]{59}', () =>
    join('tf', 'p_', alnum(59)),
  ),
  family('Adobe client secret', 'p8e-', 'p8e-[A-Za-z0-9]{32}', () => join('p8', 'e-', alnum(32))),
  family('Buildkite agent or API token', 'bkua_', 'bkua_[a-f0-9]{40}', () =>
    join('bk', 'ua_', hex(40)),
  ),
  family('CircleCI personal token', 'CCIPAT_', 'CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}', () =>
    join('CCI', 'PAT_', alnum(22), '_', hex(40)),
  ),
  family('Render API key', 'rnd_', 'rnd_[A-Za-z0-9]{32}', () => join('rn', 'd_', alnum(32))),
];
