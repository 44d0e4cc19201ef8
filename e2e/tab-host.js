// Stand-ins for e2e/tab.spec.js, both on loopback: an Entra ID tenant (the v2.0 OpenID metadata and JWKS of a real RSA
// key, and RS256 access tokens minted with it) and a Teams host page that frames a tab and answers teams-js the way
// Teams does (initialize, getContext with the theme, authentication.getAuthToken with a minted token, themeChange).
// The bot validates the tokens with its real JWT bearer handler against the metadata served here.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const http = require('http');
const path = require('path');

/** KEY=VALUE lines of e2e/tab.env (the same settings the bot was started with). */
function tabEnv() {
  const env = {};
  for (const line of fs.readFileSync(path.join(__dirname, 'tab.env'), 'utf8').split('\n')) {
    const m = /^([A-Za-z0-9_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]] = m[2];
  }
  return env;
}

const b64u = b => Buffer.from(b).toString('base64url');

/** The tenant: serves metadata and keys at the authority of tab.env; token(claims) mints an access token. */
async function startIssuer(authority, audience) {
  const url = new URL(authority);
  const tenant = url.pathname.split('/')[1];
  const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey; // not published: a forged signature
  const kid = 'tabs-e2e-key-1';
  const jwk = publicKey.export({ format: 'jwk' });
  const server = http.createServer((req, res) => {
    const json = body => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (req.url === `/${tenant}/v2.0/.well-known/openid-configuration`) {
      return json({ issuer: authority, jwks_uri: `${url.origin}/${tenant}/discovery/v2.0/keys`, authorization_endpoint: `${url.origin}/${tenant}/oauth2/v2.0/authorize`,
        token_endpoint: `${url.origin}/${tenant}/oauth2/v2.0/token`, id_token_signing_alg_values_supported: ['RS256'] });
    }
    if (req.url === `/${tenant}/discovery/v2.0/keys`) return json({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e }] });
    res.writeHead(404); res.end();
  });
  await new Promise(r => server.listen(Number(url.port), '127.0.0.1', r));
  const sign = (claims, key) => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64u(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
    const body = b64u(JSON.stringify({ iss: authority, aud: audience, iat: now - 60, nbf: now - 60, exp: now + 3600, ver: '2.0', tid: tenant, ...claims }));
    return `${head}.${body}.${b64u(crypto.sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key))}`;
  };
  return {
    /** person: { oid, name, roles? } */
    token: person => sign({ oid: person.oid, sub: 'sub-' + person.oid, name: person.name, ...(person.roles ? { roles: person.roles } : {}) }, privateKey),
    forged: person => sign({ oid: person.oid, sub: 'sub-' + person.oid, name: person.name }, stranger),
    close: () => new Promise(r => { server.close(r); server.closeAllConnections(); }),
  };
}

// The host page: an iframe with the tab, and the host half of teams-js' postMessage protocol.
const HOST_HTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Teams (stand-in)</title>
<style>body{margin:0;font-family:sans-serif}header{padding:4px 8px;background:#464775;color:#fff}iframe{border:0;width:100%;height:calc(100vh - 28px)}</style></head>
<body><header>Teams stand-in: <span id="who"></span></header><main><iframe id="tab" title="InfoSharing tab"></iframe></main>
<script src="/host.js"></script></body></html>`;
const HOST_JS = `
const q = new URLSearchParams(location.search);
const frame = document.getElementById('tab');
let theme = q.get('theme') || 'default';
document.getElementById('who').textContent = q.get('name') + ' (' + theme + ')';
const runtime = JSON.stringify({ apiVersion: 4, hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: { app: {}, appEntity: {}, authentication: {}, pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} }, teamsCore: {} } });
window.hostCalls = [];
window.setTheme = t => { theme = t; frame.contentWindow.postMessage({ func: 'themeChange', args: [t] }, '*'); };
window.addEventListener('message', e => {
  if (e.source !== frame.contentWindow || !e.data || typeof e.data.func !== 'string') return;
  const m = e.data; window.hostCalls.push(m.func);
  const reply = args => e.source.postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, e.origin);
  switch (m.func) {
    case 'initialize': return reply(['content', 'web', runtime, '2.58.0']);
    case 'getContext': return reply([{ theme, locale: 'en-gb', frameContext: 'content', hostClientType: 'web', userObjectId: q.get('oid'),
      tid: q.get('tid'), loginHint: q.get('name'), entityId: 'tab', appSessionId: 'e2e' }]);
    case 'authentication.getAuthToken': return q.get('token') ? reply([true, q.get('token')]) : reply([false, 'resourceDisabled']);
    default: return reply([]);
  }
});
frame.src = q.get('tab');
`;

/** Serves the host page at origin (tab.env's Tabs__DevelopmentHostOrigins__0). */
async function startHost(origin) {
  const url = new URL(origin);
  const server = http.createServer((req, res) => {
    const p = new URL(req.url, origin).pathname;
    if (p === '/host.html') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); return res.end(HOST_HTML); }
    if (p === '/host.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); return res.end(HOST_JS); }
    res.writeHead(404); res.end();
  });
  await new Promise(r => server.listen(Number(url.port), '127.0.0.1', r));
  return {
    /** The host page URL that opens tabPath as person (token: a minted token, or '' for none). */
    url: ({ tab, token, person, theme = 'default', tid = '' }) => `${origin}/host.html?` + new URLSearchParams({ tab, token, theme, tid, oid: person.oid, name: person.name }),
    close: () => new Promise(r => { server.close(r); server.closeAllConnections(); }),
  };
}

module.exports = { tabEnv, startIssuer, startHost };
