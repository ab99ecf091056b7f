// Bundles the tsc output (dist/*.js) into self-contained browser modules: lit, @lit/*, the SDK, ky and zod/mini
// inlined. Run `tsc -b` first (the root `npm run build` does).
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplates } from './rollup/minify-templates.mjs';

const ownModules = fileURLToPath(new URL('./dist/', import.meta.url));

/** Fails the build if anything pulls in classic zod: the browser bundle must parse with `zod/mini` only. */
const onlyZodMini = {
  name: 'only-zod-mini',
  load(id) {
    if (/[\\/]node_modules[\\/]zod[\\/](index\.js$|v3[\\/]|v4[\\/]classic[\\/]|v4[\\/]index\.js$)/.test(id)) {
      this.error(`${id} is classic zod; the browser build must import only "zod/mini"`);
    }
    return null;
  },
};

/** Fails the build if a bundle includes one of our modules that `allowed` refuses (e.g. register in the login page). */
const onlyOwn = (allowed) => ({
  name: 'only-own-modules',
  generateBundle(_options, output) {
    for (const chunk of Object.values(output)) {
      const own = Object.keys(chunk.modules ?? {}).filter((id) => id.startsWith(ownModules));
      const extra = own.filter((id) => !allowed(id.slice(ownModules.length).replaceAll('\\', '/')));
      if (extra.length) this.error(`${chunk.fileName} must not include ${extra.join(', ')}`);
    }
  },
});

const banner =
  '/*! Portico elements (MIT). Includes Lit, @lit/context (BSD-3-Clause, Google LLC), ky (MIT, Sindre Sorhus), ' +
  'zod (MIT, Colin McDonnell). */';

const bundle = (input, file, allowed = () => true) => ({
  input,
  output: { file, format: 'es', sourcemap: true, banner },
  plugins: [
    onlyZodMini,
    nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'module', 'default'] }),
    // Our html`` and css`` templates lose their source formatting (Lit's own modules have none).
    minifyTemplates({ include: (id) => id.startsWith(ownModules) }),
    // One notice for everything inlined instead of a licence comment per module.
    terser({ ecma: 2022, module: true, format: { comments: /^!/ } }),
    onlyOwn(allowed),
  ],
  onwarn(warning, warn) {
    // tsc's decorator helper reads `this` at module scope; undefined in a module is what it expects.
    if (warning.code === 'THIS_IS_UNDEFINED') return;
    // zod's misplaced pure annotations and its internal import cycle are harmless.
    const inZod = /node_modules\/zod\//.test(warning.id ?? warning.ids?.join() ?? '');
    if (inZod && (warning.code === 'INVALID_ANNOTATION' || warning.code === 'CIRCULAR_DEPENDENCY')) return;
    warn(warning);
  },
});

export default [
  bundle('dist/index.js', 'dist/elements.js'),
  // The sign-in page: the provider, the login form and what they share, no other element.
  bundle('dist/login.js', 'dist/elements-login.js', (path) =>
    /^(login\.js|lib\/|components\/(provider|login)\/)/.test(path),
  ),
  // The staff console, served at /admin.
  bundle('dist/admin.js', 'dist/elements-admin.js'),
];
