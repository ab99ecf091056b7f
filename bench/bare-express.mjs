// The baseline: the least an Express 5 app can do per request. Portico's numbers are read against it.
import express from 'express';

const port = Number(process.env.PORT ?? 0);
const app = express();
app.get('/', (_req, res) => {
  res.json({ ok: true });
});

const server = app.listen(port, '127.0.0.1', () => {
  console.log(`bare express listening on http://127.0.0.1:${server.address().port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
