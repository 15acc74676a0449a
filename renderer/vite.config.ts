import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The oldest browsers the LAN pages are built for (Vite's former 'modules' default). */
export const RENDERER_TARGET = ['es2020', 'chrome87', 'edge88', 'firefox78', 'safari14'];

/** Shared by electron-vite (desktop) and `npm run serve` (browser/LAN), so both ship one build. */
export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  build: {
    // Office PCs on the LAN open the pages in 360 / QQ browsers on older Chromium cores:
    // the bundle's syntax is for Chrome 87 (checked by test/e2e/bundle-target.test.ts).
    target: RENDERER_TARGET,
    cssTarget: RENDERER_TARGET,
    outDir: resolve(here, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 3000,
    rollupOptions: { input: resolve(here, 'index.html') },
  },
};

export default rendererConfig;
