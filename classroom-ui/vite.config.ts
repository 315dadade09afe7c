import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './precompress.ts';

// In development the UI is served by Vite and everything server-side goes to the Panda server.
const server = `http://127.0.0.1:${process.env.PANDA_API_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      '/board': { target: server, ws: true },
    },
  },
  // tldraw's asset imports must stay as files (fonts, icons): pre-bundling them breaks the dev server.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: {
    outDir: 'dist',
    // What the first page needs (everything the entry imports statically) stays one file; left
    // alone, Rolldown makes a dozen small ones of the code it shares with the pages App.tsx loads
    // lazily, each one more request on a phone.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } } },
  },
});
