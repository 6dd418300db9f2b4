import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Root is web/ whichever directory vite is started from (`npx vite --config web/vite.config.ts`).
const root = fileURLToPath(new URL('.', import.meta.url));
// The demo federation's UK node: the dev server forwards the API to it.
const node = 'http://127.0.0.1:7401';

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Inline nothing as data: URLs so the CSP can stay strict (img-src 'self').
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: node, changeOrigin: false },
      '/taxii2': { target: node, changeOrigin: false },
    },
  },
});
