// Child process of bench/run.mjs, case (c): floods POST /api/v1/auth/login from its own process (so the flood's
// client CPU does not slow the session measurement) and prints one JSON line with what the server answered.
import autocannon from 'autocannon';

const url = process.env.FLOOD_URL;
const connections = Number(process.env.FLOOD_CONNECTIONS ?? 50);
const duration = Number(process.env.FLOOD_DURATION ?? 5);
const body = JSON.stringify({ email: process.env.FLOOD_EMAIL, password: process.env.FLOOD_PASSWORD });

const counts = { ok: 0, serverBusy: 0, rateLimited: 0, other: {} };

if (process.env.FLOOD_POLITE === '1') {
  // Clients that behave like @portico/sdk: on 429 they wait the Retry-After seconds before trying again.
  const end = Date.now() + duration * 1000;
  let requests = 0;
  let errors = 0;
  const client = async () => {
    while (Date.now() < end) {
      requests++;
      try {
        const response = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
          body,
        });
        const answer = await response.json().catch(() => ({}));
        if (response.status === 200) counts.ok++;
        else if (response.status === 429) {
          if (answer.code === 'SERVER_BUSY') counts.serverBusy++;
          else if (answer.code === 'RATE_LIMITED') counts.rateLimited++;
          const wait = Number(response.headers.get('retry-after') ?? 1) * 1000;
          await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, end - Date.now()))));
        } else counts.other[response.status] = (counts.other[response.status] ?? 0) + 1;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, client));
  console.log(JSON.stringify({ ...counts, requests, errors, timeouts: 0 }));
  process.exit(0);
}

const result = await autocannon({
  url,
  connections,
  duration,
  requests: [
    {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-portico-session': 'token' },
      body,
      onResponse(status, responseBody) {
        if (status === 200) counts.ok++;
        else if (status === 429) {
          let code;
          try {
            code = JSON.parse(responseBody).code;
          } catch {
            code = undefined;
          }
          if (code === 'SERVER_BUSY') counts.serverBusy++;
          else if (code === 'RATE_LIMITED') counts.rateLimited++;
          else counts.other[`429 ${code}`] = (counts.other[`429 ${code}`] ?? 0) + 1;
        } else counts.other[status] = (counts.other[status] ?? 0) + 1;
      },
    },
  ],
});

console.log(
  JSON.stringify({
    ...counts,
    requests: result.requests.total,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
  }),
);
