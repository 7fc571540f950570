// Builds the web app into web/dist (`npm run build:web`; `npm ci` runs it through `prepare`). The
// API process serves the result (src/web/web-app.ts); `npm run dev:web` serves it with reloads and
// sends API paths to the API on port 8000.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

const API = process.env.API_URL ?? 'http://127.0.0.1:8000';
const GOOGLE_CALLBACK = '/auth/google/callback';

/**
 * Writes .br and .gz copies of each text asset, so the server sends them compressed without
 * compressing on every request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const name of await readdir(assets)) {
        if (!/\.(js|css|svg|json)$/.test(name)) continue;
        const file = path.join(assets, name);
        const data = await readFile(file);
        await writeFile(`${file}.gz`, gzipSync(data, { level: 9 }));
        await writeFile(
          `${file}.br`,
          brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [preact({ prerender: { enabled: false } }), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No inline data: URLs and no inline scripts: the page runs under a CSP of 'self' only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: Object.fromEntries(
      ['/auth/', '/cv/', '/core/', '/docs', '/schema'].map((p) => [
        p,
        // Google's return address is a page of the app under /auth/ (src/web/web-app.ts says why).
        { target: API, bypass: (req) => (req.url?.startsWith(GOOGLE_CALLBACK) ? '/index.html' : undefined) },
      ]),
    ),
  },
});
