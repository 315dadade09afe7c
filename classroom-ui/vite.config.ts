import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development the UI is served by Vite and everything server-side goes to the Panda server.
const server = `http://127.0.0.1:${process.env.PANDA_API_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/socket.io': { target: server, ws: true },
      '/board': { target: server, ws: true },
    },
  },
  // tldraw's asset imports must stay as files (fonts, icons): pre-bundling them breaks the dev server.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  build: { outDir: 'dist' },
});
