import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { addDays, localDay } from '../../shared/domain/days';
import { signIn } from '../helpers/sessions';
import { apiCall, E2E_PASSWORD, type RunningServer, signInUI, startServer } from '../e2e/harness';
import { fill } from './residents';
import { median, ms } from './timing';

/**
 * The morning briefing on the residents bench database (150,000 residents, 5,000,000
 * registrations): generating a day's briefing (every figure counted from the rows), the
 * live 总览, and generate → print route → PDF in headless Chromium through `npm run serve`.
 * Each beside the same on the plain demo office (baseline), in this process.
 */

async function figures(dataDir: string, today: string, fillIt: boolean) {
  const core = await createCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    keyStore: fileKeyStore(`${dataDir}.key`),
    adminPassword: E2E_PASSWORD,
  });
  try {
    let built = 0;
    if (fillIt) {
      const t0 = process.hrtime.bigint();
      fill(core, 150_000, 5_000_000, new Date());
      built = ms(t0);
    }
    const call = await signIn(core, 'zhihui', E2E_PASSWORD);
    const gen: number[] = [];
    for (let k = 1; k <= 3; k++) {
      const t0 = process.hrtime.bigint();
      const e = await call('briefings.generate', { day: addDays(today, -k) });
      gen.push(ms(t0));
      if (!e.ok) throw new Error(e.error.message);
    }
    // Each count after a registration (a new data version), as when a gate writes between two
    // refreshes; then the same figures asked again by another PC, answered from the shared count.
    const live: number[] = [];
    const shared: number[] = [];
    const checkpointId = (core.db.prepare("SELECT id FROM checkpoints WHERE status = 'active' LIMIT 1").get() as { id: number }).id;
    for (let k = 0; k < 3; k++) {
      const reg = await call('registrations.create', { checkpointId, subject: 'person', name: `基准${k}`, direction: 'in' });
      if (!reg.ok) throw new Error(reg.error.message);
      for (const into of [live, shared]) {
        const t0 = process.hrtime.bigint();
        const e = await call('dashboard.live', {});
        into.push(ms(t0));
        if (!e.ok) throw new Error(e.error.message);
      }
    }
    return { generate: median(gen), live: median(live), liveShared: median(shared), built };
  } finally {
    core.close();
  }
}

async function pdf(server: RunningServer, day: string): Promise<{ total: number; parts: string }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
    await signInUI(page, server, 'zhihui');
    await apiCall(server, 'office.get', {}, 'zhihui'); // signs the API client in outside the timing
    const t0 = process.hrtime.bigint();
    const b = await apiCall<{ id: number }>(server, 'briefings.generate', { day }, 'zhihui');
    const generated = ms(t0);
    await page.goto(`${server.url}/#/print/briefing/${b.id}`);
    await page.getByTestId('briefing-map').waitFor();
    const shown = ms(t0);
    await page.pdf({ format: 'A4', preferCSSPageSize: true });
    const total = ms(t0);
    return { total, parts: `generate ${generated.toFixed(0)}, page ${(shown - generated).toFixed(0)}, PDF ${(total - shown).toFixed(0)}` };
  } finally {
    await browser.close();
  }
}

export async function benchBriefing(): Promise<void> {
  console.log('\n## Daily briefing: figures and PDF on the residents bench database (median of 3)');
  const today = localDay(new Date());
  const results: Record<'base' | 'full', { generate: number; live: number; liveShared: number; built: number; pdf: { total: number; parts: string } }> =
    {} as never;
  for (const which of ['base', 'full'] as const) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-bench-brief-'));
    const dataDir = path.join(dir, 'data');
    try {
      const f = await figures(dataDir, today, which === 'full');
      const server = await startServer(dataDir);
      try {
        results[which] = { ...f, pdf: await pdf(server, addDays(today, -5)) };
      } finally {
        await server.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const { base, full } = results;
  console.log(`database built in ${(full.built / 1000).toFixed(1)} s (150,000 residents, 5,000,000 registrations)`);
  console.log(`generate a day's briefing (all figures): ${full.generate.toFixed(0)} ms (demo office: ${base.generate.toFixed(0)} ms) — target < 1 s`);
  console.log(
    `generate → print → PDF in Chromium: ${full.pdf.total.toFixed(0)} ms (${full.pdf.parts}) (demo office: ${base.pdf.total.toFixed(0)} ms) — target < 3 s`,
  );
  console.log(`总览 (today, yesterday, 14-day trend): ${full.live.toFixed(0)} ms (demo office: ${base.live.toFixed(0)} ms)`);
  console.log(`总览 asked again by another PC before the next change: ${full.liveShared.toFixed(1)} ms (demo office: ${base.liveShared.toFixed(1)} ms)`);
}
