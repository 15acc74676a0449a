import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/**
 * Renders one page of a PDF to PNG in Chromium with pdf.js, the way a reader's viewer
 * draws it (embedded fonts included): for the picture of the printed briefing in docs/.
 * The files are served from node_modules through a route, so nothing leaves the machine.
 */
const ROOT = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const ORIGIN = 'http://pdf.render.local';

export async function renderPdfPage(browser: Browser, pdf: Uint8Array, pageNo = 1, scale = 1.5): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1400 } });
  try {
    const page = await context.newPage();
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/doc.pdf') return route.fulfill({ body: Buffer.from(pdf), contentType: 'application/pdf' });
      if (url.pathname === '/') {
        return route.fulfill({
          contentType: 'text/html',
          body: `<!doctype html><body style="margin:0;background:#fff"><canvas id="c"></canvas><script type="module">
            import * as pdfjs from '/build/pdf.mjs';
            pdfjs.GlobalWorkerOptions.workerSrc = '/build/pdf.worker.mjs';
            const data = await (await fetch('/doc.pdf')).arrayBuffer();
            const doc = await pdfjs.getDocument({ data, cMapUrl: '/cmaps/', cMapPacked: true, standardFontDataUrl: '/standard_fonts/' }).promise;
            const p = await doc.getPage(${pageNo});
            const viewport = p.getViewport({ scale: ${scale} });
            const canvas = document.getElementById('c');
            canvas.width = viewport.width; canvas.height = viewport.height;
            await p.render({ canvas, canvasContext: canvas.getContext('2d'), viewport }).promise;
            document.body.dataset.done = '1';
          </script></body>`,
        });
      }
      const file = path.join(ROOT, path.normalize(url.pathname));
      if (!file.startsWith(ROOT) || !fs.existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ body: fs.readFileSync(file), contentType: file.endsWith('.mjs') ? 'text/javascript' : 'application/octet-stream' });
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForSelector('body[data-done="1"]', { timeout: 30_000 });
    return await page.locator('#c').screenshot();
  } finally {
    await context.close();
  }
}
