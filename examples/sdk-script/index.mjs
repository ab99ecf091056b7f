#!/usr/bin/env node
// Signs in to Portico from Node with @portico/sdk in token mode, prints the session and signs out.
import { createPortalClient, isPortalApiError, PortalNetworkError, PortalTimeoutError } from '@portico/sdk';

const baseUrl = process.env.PORTICO_URL ?? 'http://localhost:3000';
const email = process.env.PORTICO_EMAIL ?? 'demo@example.com';
const password = process.env.PORTICO_PASSWORD ?? 'northwind-demo-portal';

// Token mode: the session token stays in this process's memory and goes out as `Authorization: Bearer`.
const portal = createPortalClient({ baseUrl, mode: 'token' });

/** Explains a failure in one or two lines instead of a stack trace. */
function explain(error) {
  if (isPortalApiError(error)) {
    const lines = [`Portico said ${error.status} ${error.code}: ${error.detail ?? error.title}`];
    for (const [field, message] of Object.entries(error.fieldErrors)) lines.push(`  ${field}: ${message}`);
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
  const session = await portal.auth.login({ email, password });
  console.log(`Signed in as ${session.user.name} <${session.user.email}>`);
  console.log(
    `Active account: ${session.account.name} (${session.account.id}, role ${session.account.role})`,
  );
  if (session.accounts.length > 1) {
    console.log(
      `Other accounts: ${session.accounts
        .filter((a) => a.id !== session.account.id)
        .map((a) => a.name)
        .join(', ')}`,
    );
  }
  console.log(`Session ends at ${session.expiresAt}, or after inactivity at ${session.idleExpiresAt}`);

  // The token now authenticates later calls; ask the server who we are.
  const current = await portal.auth.session();
  console.log('Session as the server sees it:');
  console.log(JSON.stringify({ ...current, token: undefined }, null, 2));

  await portal.auth.logout();
  console.log('Signed out.');
} catch (error) {
  console.error(explain(error));
  process.exitCode = 1;
}
