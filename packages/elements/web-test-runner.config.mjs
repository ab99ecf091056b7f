// Runs src/**/*.test.ts in headless Chromium. TypeScript (decorators included) is compiled by esbuild with the
// package's tsconfig; @portico/sdk resolves to its TypeScript source (the `source` export condition), so the
// tests need no build step.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/test-support.mjs';
import { virtualAuthenticatorPlugin } from './test/virtual-authenticator-plugin.mjs';

export default {
  files: ['src/**/*.test.ts'],
  nodeResolve: { exportConditions: ['source', 'development'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
      target: 'es2022',
    }),
    // Passkey tests run real WebAuthn ceremonies against a DevTools virtual authenticator.
    virtualAuthenticatorPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  concurrency: 1,
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  testFramework: { config: { timeout: 5000 } },
};
