import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One single-page build for the three apps (buyer at /, merchant console at /merchant, ops console
// at /ops); each app is its own chunk. The server serves dist/ (no CDN, no external font).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/uploads': 'http://localhost:3000' } },
});
