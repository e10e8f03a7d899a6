import { defineConfig } from 'vite';
import { messagesPlugin } from './web/build/messages';

export default defineConfig({
  root: 'web',
  // UI text catalogues compiled at build time (no message parser in the browser).
  plugins: [messagesPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // maplibre-gl in a chunk of its own: it changes rarely (long cache life), and the bench measures
    // the app's own JavaScript without it.
    rolldownOptions: {
      output: {
        codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl/ }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
