// Bundles the tsc output (dist/*.js) into self-contained browser modules: lit, @lit/*, the SDK, ky and zod/mini
// inlined. Run `tsc -b` first (the root `npm run build` does).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

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

const banner =
  '/*! Portico elements (MIT). Includes Lit, @lit/context (BSD-3-Clause, Google LLC), ky (MIT, Sindre Sorhus), ' +
  'zod (MIT, Colin McDonnell). */';

const bundle = (input, file) => ({
  input,
  output: { file, format: 'es', sourcemap: true, banner },
  plugins: [
    onlyZodMini,
    nodeResolve({ browser: true, exportConditions: ['browser', 'import', 'module', 'default'] }),
    // One notice for everything inlined instead of a licence comment per module.
    terser({ ecma: 2022, module: true, format: { comments: /^!/ } }),
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
  bundle('dist/login.js', 'dist/elements-login.js'),
];
