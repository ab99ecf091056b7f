// Child process of bench/run.mjs, case (c): floods POST /api/v1/auth/login from its own process (so the flood's
// client CPU does not slow the session measurement) and prints one JSON line with what the server answered.
import autocannon from 'autocannon';

const url = process.env.FLOOD_URL;
const connections = Number(process.env.FLOOD_CONNECTIONS ?? 50);
const duration = Number(process.env.FLOOD_DURATION ?? 5);
const body = JSON.stringify({ email: process.env.FLOOD_EMAIL, password: process.env.FLOOD_PASSWORD });

const counts = { ok: 0, serverBusy: 0, rateLimited: 0, other: {} };

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
