import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createCore } from '../../electron/core/registry/core';
import { fileKeyStore } from '../../electron/core/db/key';
import { checkpoints } from '../../electron/core/places/checkpoints';
import { compounds } from '../../electron/core/places/compounds';
import { ALL_COMMUNITIES, createRow } from '../../electron/core/kernel/entity';
import { E2E_PASSWORD, startServer } from '../e2e/harness';
import { ms } from './timing';

/** Grows the demo office to `n` compounds and `m` checkpoints, spread on a grid around the centre. */
export async function makeOfficeForBench(dataDir: string, n: number, m: number): Promise<void> {
  const core = await createCore({
    dataDir,
    demoOnCreate: true,
    demoResidents: false,
    transport: 'http',
    keyStore: fileKeyStore(`${dataDir}.key`),
    adminPassword: E2E_PASSWORD,
  });
  const ctx = { db: core.db, now: new Date(), scope: ALL_COMMUNITIES };
  core.db.transaction(() => {
    for (let i = 168; i < n; i++) {
      const lng = 115.58 + (i % 60) * 0.0025;
      const lat = 34.35 + Math.floor(i / 60) * 0.0035;
      const h = 0.0008;
      const ring: [number, number][] = [
        [lng, lat],
        [lng + h, lat],
        [lng + h, lat + h],
        [lng, lat + h],
        [lng, lat],
      ];
      createRow(ctx, compounds, {
        name: `测试小区${i}`,
        communityId: 1 + (i % 15),
        gridId: null,
        managementType: 'managed',
        propertyCompany: null,
        buildings: 5,
        households: 200,
        population: 560,
        controlLevel: i % 9 === 0 ? 'precaution' : 'normal',
        lng,
        lat,
        boundary: { type: 'Polygon', coordinates: [ring] },
      });
    }
    for (let i = 99; i < m; i++) {
      createRow(ctx, checkpoints, {
        name: `测试卡点${i}`,
        kind: 'road',
        communityId: 1 + (i % 15),
        compoundId: null,
        lng: 115.58 + (i % 50) * 0.003,
        lat: 34.35 + Math.floor(i / 50) * 0.006,
        hours: 'allDay',
        staffPerShift: 2,
        status: 'active',
        note: null,
      });
    }
  })();
  core.close();
}

export async function benchMapRender(): Promise<void> {
  console.log('\n## Map: navigation to first complete render (headless Chromium)');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [label, n, m] of [
      ['demo office', 168, 99],
      ['large office', 2000, 1000],
    ] as const) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-mapbench-'));
      await makeOfficeForBench(dataDir, n, m);
      const server = await startServer(dataDir);
      try {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${server.url}/`);
        await page.getByLabel('用户名').fill('zhihui');
        await page.getByLabel('密码').fill(E2E_PASSWORD);
        await page.getByRole('button', { name: '登录' }).click();
        await page.getByTestId('user-menu').waitFor();
        const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const times: { baseline: number; map: number }[] = [];
        for (let run = 0; run < 3; run++) {
          await page.goto('about:blank');
          let t0 = process.hrtime.bigint();
          await page.goto(`${server.url}/#/overview`);
          await page.getByTestId('stat-compounds').waitFor();
          await settle();
          const baseline = ms(t0);
          await page.goto('about:blank');
          t0 = process.hrtime.bigint();
          await page.goto(`${server.url}/#/map`);
          await page.getByText(`已显示 ${n} 个小区、${m} 个卡点`).waitFor();
          await settle();
          times.push({ baseline, map: ms(t0) });
        }
        const med = (k: 'baseline' | 'map') => times.map((t) => t[k]).sort((a, b) => a - b)[1]!;
        console.log(
          `${label} (${n} compounds, ${m} checkpoints): map ${med('map').toFixed(0)} ms; baseline 总览 page ${med('baseline').toFixed(0)} ms (median of 3; target < 1000 ms for the large office)`,
        );
        await context.close();
      } finally {
        await server.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
        fs.rmSync(`${dataDir}.key`, { force: true });
      }
    }
  } finally {
    await browser.close();
  }
}
