#!/usr/bin/env node
// Reads the portal profile from Node with @portico/sdk, authenticated by an API token (no password, no session).
import { createPortalClient, isPortalApiError, PortalNetworkError, PortalTimeoutError } from '@portico/sdk';

const baseUrl = process.env.PORTICO_URL ?? 'http://localhost:3000';
const token = process.env.PORTICO_API_TOKEN;

if (!token?.startsWith('pt_')) {
  console.error(
    [
      'Set PORTICO_API_TOKEN to an API token (pt_…) with the profile:read scope.',
      'Create one in the portal (API tokens: name it, tick the scopes, copy the token, shown once); see README.md.',
      '`npm start` (development) prints a read-only demo token for demo@example.com.',
    ].join('\n'),
  );
  process.exit(1);
}

// A token given up front puts the client in token mode: it is sent as `Authorization: Bearer` on every call.
const portal = createPortalClient({ baseUrl, token });

/** Explains a failure in one or two lines instead of a stack trace. */
function explain(error) {
  if (isPortalApiError(error)) {
    const lines = [`Portico said ${error.status} ${error.code}: ${error.detail ?? error.title}`];
    for (const [field, message] of Object.entries(error.fieldErrors)) lines.push(`  ${field}: ${message}`);
    if (error.status === 401)
      lines.push('  The token is unknown, revoked or expired, or its creator left the account.');
    if (error.code === 'PERMISSION_DENIED')
      lines.push('  Give the token the scope named above (profile:read).');
    if (error.retryAfter !== undefined) lines.push(`  Try again in ${error.retryAfter} s.`);
    if (error.requestId) lines.push(`  (request id ${error.requestId})`);
    return lines.join('\n');
  }
  if (error instanceof PortalNetworkError)
    return `Could not reach Portico at ${baseUrl}. Is the server running (npm start)?`;
  if (error instanceof PortalTimeoutError) return `Portico at ${baseUrl} did not answer in time.`;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

try {
  const profile = await portal.account.getProfile();
  const { user, account } = profile;
  console.log(`Token of ${user.name} <${user.email}> on ${account.name} (${account.id})`);
  console.log(
    `Company: ${account.company ?? '—'}  Phone: ${account.phone ?? '—'}  Currency: ${account.currency}`,
  );
  if (profile.missingFields.length) console.log(`Still to fill in: ${profile.missingFields.join(', ')}`);
  console.log(`This token ${profile.canEdit ? 'may' : 'may not'} change the account's details.`);

  // Tokens act within their scopes and never manage logins: sessions, passwords and tokens are for people.
  try {
    await portal.tokens.list();
  } catch (error) {
    if (!isPortalApiError(error) || error.code !== 'TOKEN_NOT_ALLOWED') throw error;
    console.log('As expected, a token cannot list or make tokens (403 TOKEN_NOT_ALLOWED).');
  }
} catch (error) {
  console.error(explain(error));
  process.exitCode = 1;
}
