import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { checkString, isUnresolved } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';
import { Environment } from '../../environment/environment';

/**
 * Domains where anyone can get a subdomain (hosting platforms, tunnels, object
 * storage, Supabase itself) and multi-label public suffixes. A redirect
 * wildcard under one of them (`https://*.vercel.app/**`) allows a stranger's
 * site: Auth would send your users' sessions there. Documented in
 * docs/supabase.md; list the exact hosts you own instead.
 */
export const SHARED_HOSTING_DOMAINS = [
  // hosting platforms
  'vercel.app', 'vercel.dev', 'now.sh', 'netlify.app', 'netlify.com', 'onrender.com', 'herokuapp.com', 'herokudns.com',
  'github.io', 'githubusercontent.com', 'gitlab.io', 'bitbucket.io', 'pages.dev', 'workers.dev', 'r2.dev',
  'azurewebsites.net', 'azurestaticapps.net', 'azureedge.net', 'cloudapp.net', 'cloudapp.azure.com', 'web.core.windows.net',
  'cloudfront.net', 'amazonaws.com', 'amplifyapp.com', 'elasticbeanstalk.com', 'awsapprunner.com',
  'appspot.com', 'web.app', 'firebaseapp.com', 'run.app', 'cloudfunctions.net', 'googleusercontent.com',
  'fly.dev', 'up.railway.app', 'railway.app', 'koyeb.app', 'deno.dev', 'deno.net', 'surge.sh', 'glitch.me',
  'repl.co', 'replit.app', 'replit.dev', 'codesandbox.io', 'csb.app', 'stackblitz.io', 'webcontainer.io',
  'pythonanywhere.com', 'ondigitalocean.app', 'webflow.io', 'framer.app', 'wixsite.com', 'squarespace.com',
  'blogspot.com', 'wordpress.com', 'neocities.org', 'supabase.co', 'supabase.in',
  // tunnels
  'ngrok.io', 'ngrok.app', 'ngrok-free.app', 'ngrok.dev', 'loca.lt', 'trycloudflare.com', 'serveo.net',
  // public suffixes of more than one label
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'co.jp', 'ne.jp', 'or.jp', 'co.kr',
  'com.br', 'com.cn', 'com.hk', 'com.tw', 'com.sg', 'com.mx', 'com.ar', 'com.tr', 'co.in', 'co.za', 'co.il', 'com.ua',
];

const HOST = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+';
const HTTPS_URL = new RegExp(`^https://(\\*\\.)?${HOST}(:\\d{1,5})?(/[^\\s,]*)?$`);
const HTTPS_URL_NO_WILDCARD = new RegExp(`^https://${HOST}(:\\d{1,5})?(/[^\\s,*]*)?$`);
const LOCALHOST_URL = /^http:\/\/localhost(:\d{1,5})?(\/[^\s,]*)?$/;

/**
 * Checks an Auth URL (`site_url`, an entry of `uri_allow_list`): https (or
 * `http://localhost` outside production), no comma or space (the allow-list is
 * comma-separated), wildcards only where allowed and never under a shared
 * hosting domain, and no credential inside it. Tokens pass.
 */
export function checkAuthUrl(scope: IConstruct, prop: string, value: unknown, environment: Environment, allowWildcards: boolean): string {
  const allowed = `an https:// URL${allowWildcards ? ' (a leading "*." subdomain and "*"/"**" in the path are allowed)' : ' without wildcards'}, no commas or spaces${environment.isProduction ? '' : ', or http://localhost[:port] outside production'}`;
  if (value === undefined) throw new ValidationError(scope, prop, value, allowed);
  const url = checkString(scope, prop, value, { allowed, maxLength: 2048 })!;
  if (isUnresolved(url)) return url;
  // Before any message that would repeat the value.
  const kind = secretValueKind(url);
  if (kind) throw new ValidationError(scope, prop, '<URL redacted>', `a URL without a credential in it (it contains ${kind})`);
  const shapeOk = (allowWildcards ? HTTPS_URL : HTTPS_URL_NO_WILDCARD).test(url) || (!environment.isProduction && LOCALHOST_URL.test(url));
  if (!shapeOk) throw new ValidationError(scope, prop, url, allowed);
  const host = url.replace(/^https?:\/\//, '').split(/[/:]/)[0];
  if (host.startsWith('*.')) {
    const fixed = host.slice(2);
    const shared = SHARED_HOSTING_DOMAINS.find((d) => fixed === d || fixed.endsWith(`.${d}`));
    if (shared) {
      throw new ValidationError(scope, prop, url, `an https:// URL without a wildcard under "${shared}": anyone can get a subdomain there, so "*.${fixed}" would let a stranger's site receive your users' sign-in redirects (list the exact hosts you own, for example "https://my-app.${shared}/**")`);
    }
  }
  return url;
}
