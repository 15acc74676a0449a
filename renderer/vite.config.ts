import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Shared by electron-vite (desktop) and `npm run serve` (browser/LAN), so both ship one build. */
export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rollupOptions: { input: resolve(here, 'index.html') },
  },
};

export default rendererConfig;
