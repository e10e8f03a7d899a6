import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { maplibreCssPlugin } from './web/build/maplibreCss';
import { messagesPlugin } from './web/build/messages';
import { precompressPlugin } from './web/build/precompress';
import { regionOutlinePlugin } from './web/build/regionOutline';

export default defineConfig({
  root: 'web',
  // UI text catalogues compiled at build time (no message parser in the browser); brotli + gzip beside
  // every file, served as is by the local server (functions/local/server.ts); the region outline for
  // the map's static first paint (web/src/map/outline.ts).
  plugins: [
    messagesPlugin(),
    // MapLibre's stylesheet without the rules of controls the map never shows (web/build/maplibreCss.ts).
    maplibreCssPlugin(),
    precompressPlugin(),
    regionOutlinePlugin(resolve(import.meta.dirname, 'web/public/zhambyl.geojson')),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Which chunks each chunk imports: test/e2e/bundle.test.ts sums what the map route loads.
    manifest: true,
    rolldownOptions: {
      output: {
        // maplibre-gl in a chunk of its own, loaded only by the map (web/src/map/mapView.ts): it changes
        // rarely (long cache life), and the bench measures the app's own JavaScript without it.
        codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl/ }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
