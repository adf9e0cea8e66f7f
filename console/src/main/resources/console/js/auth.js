// Sign-in for the console, a public OAuth client: authorization code with PKCE (RFC 7636, S256) against
// identity-service through the gateway (ADR 024). The access token lives in this tab's sessionStorage only, never in
// a cookie or localStorage; it is short-lived, and when it runs out the console asks again (silently while the
// sign-in session at identity lasts).

export const CLIENT_ID = 'provisio-console';
export const SCOPE = 'onboarding catalog';
const PENDING = 'provisio.console.pending';
const TOKEN = 'provisio.console.token';

export function redirectUri(origin = location.origin) {
  return `${origin}/console/`;
}

export function base64url(bytes) {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte);
  }
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomString(bytes = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge of a verifier. */
export async function challengeOf(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** The authorization request's URL; also what the tests check. */
export function authorizationUrl({ state, challenge, origin = location.origin }) {
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(origin), scope: SCOPE, state,
    code_challenge: challenge, code_challenge_method: 'S256',
  });
  return `/oauth2/authorize?${query}`;
}

/** Leaves for identity's authorization endpoint; comes back to {@code returnTo} (a hash route) once signed in. */
export async function signIn(returnTo = '#/customers') {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  location.assign(authorizationUrl({ state, challenge: await challengeOf(verifier) }));
}

/**
 * On the way back from the authorization endpoint: exchanges the code for a token and takes the code out of the
 * address bar. Returns the hash route to show, or null when this was not a sign-in's return.
 */
export async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) {
    return null;
  }
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  const returnTo = pending?.returnTo || '#/customers';
  history.replaceState(null, '', `/console/${returnTo}`);
  if (query.has('error') || !pending || pending.state !== query.get('state')) {
    throw new Error('sign-in-refused');
  }
  const response = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(),
      client_id: CLIENT_ID, code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) {
    throw new Error('sign-in-refused');
  }
  const token = await response.json();
  sessionStorage.setItem(TOKEN, JSON.stringify({
    accessToken: token.access_token,
    // A little early, so a call never leaves with a token that expires on the way.
    expiresAt: Date.now() + (token.expires_in - 30) * 1000,
  }));
  return returnTo;
}

/** The access token while it is valid, else null. */
export function currentToken(now = Date.now()) {
  const stored = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
  if (!stored || stored.expiresAt <= now) {
    return null;
  }
  return stored.accessToken;
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN);
}

/** The token's claims, for display only (the services verify the token; the console never trusts these). */
export function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .join(''));
  return JSON.parse(json);
}

/** Forgets the token, then ends the sign-in session at identity (its sign-out page posts with its CSRF token). */
export function signOut() {
  forgetToken();
  location.assign('/logout');
}
