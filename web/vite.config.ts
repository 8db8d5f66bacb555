import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web app, built into web/dist and served by the API server at `/`. In development
 * (`npm run dev -w web`) Vite serves it with hot reload and passes the API's paths on to the
 * server on port 4000 (start it with `npm start` first).
 */
const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/graphql': api, '/auth': api, '/export': api },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The network map (sigma.js, graphology) is a chunk of its own, loaded with its page.
    chunkSizeWarningLimit: 600,
  },
});
