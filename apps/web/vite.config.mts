// Vite 8 (Rolldown) build of the web app. `nx run web:build` writes static files to
// dist/apps/web, which the API serves at `/` (with an SPA fallback) next to `/api`.
// `nx run web:dev` starts a dev server that proxies `/api` to a locally running API.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const apiPort = Number(process.env.API_PORT || 3333);
const devPort = Number(process.env.WEB_DEV_PORT || 5173);

/**
 * The packages only the charts use (recharts and what it brings). They make a chunk of their own, loaded with the
 * pages that draw charts (the dashboard, a report): the sign-in page and the lists never download it. A package
 * the rest of the app also uses (eventemitter3, use-sync-external-store, clsx) is not listed: put here, it would
 * make every page load this chunk.
 */
const CHART_PACKAGES = /[\\/]node_modules[\\/](recharts|d3-[^\\/]+|victory-vendor|internmap|decimal\.js-light|es-toolkit|immer|reselect|@reduxjs|redux|redux-thunk|react-redux|tiny-invariant)[\\/]/;

/** Vendor chunk groups: a browser caches these across releases of our own code. */
const vendorGroups: Array<{ name: string; test: RegExp | ((id: string) => boolean); priority: number }> = [
  { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 40 },
  { name: 'vendor-mui', test: /[\\/]node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis)[\\/]/, priority: 30 },
  // Before the charts: a package both use (eventemitter3, use-sync-external-store) goes here, not into the charts'
  // chunk (a group takes the packages its modules import, whatever their name).
  { name: 'vendor-admin', test: (id: string) => /[\\/]node_modules[\\/]/.test(id) && !CHART_PACKAGES.test(id), priority: 25 },
  { name: 'vendor-charts', test: CHART_PACKAGES, priority: 20 },
];

/**
 * Each text file of the build, also brotli- and gzip-compressed (`x.js.br`, `x.js.gz`), at the highest levels: made
 * once here, so the server sends them as they are (apps/api/src/web/web-app.ts) without compressing per request.
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
  return {
    name: 'sra-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir).filter((f) => /\.(js|css|html|svg|json|txt|map)$/.test(f))) {
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), precompress(here('../../dist/apps/web'))],
  resolve: {
    alias: {
      '@sra/contracts': here('../../libs/contracts/src/index.ts'),
    },
  },
  server: {
    host: '127.0.0.1',
    port: devPort,
    strictPort: true,
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: devPort,
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
  build: {
    outDir: here('../../dist/apps/web'),
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
});
