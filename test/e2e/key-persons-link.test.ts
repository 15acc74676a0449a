import { describe, expect, it } from 'vitest';
import { apiCall, browserSession } from './harness';

/** 重点人员 ↔ 居民档案: linked from the key persons' list, among the residents of their compound (the full demo has them). */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 }, serverArgs: ['--full-demo'] });

type KeyPerson = { id: number; name: string; compoundId: number | null; compoundName: string | null; residentId: number | null };

describe('linking a key person to the resident register in Chromium', () => {
  it('links a key person to a resident of their compound, shown in the list and kept', async () => {
    const people = (await apiCall<{ rows: KeyPerson[] }>(session.server, 'keyPersons.list', { pageSize: 100 }, 'zhihui')).rows;
    let kp: KeyPerson | undefined;
    let residentName = '';
    for (const p of people.filter((x) => x.compoundId)) {
      const r = await apiCall<{ rows: { name: string }[] }>(session.server, 'residents.list', { compoundId: p.compoundId, pageSize: 1 }, 'zhihui');
      if (r.rows.length) {
        kp = p;
        residentName = r.rows[0]!.name;
        break;
      }
    }
    expect(kp).toBeDefined();
    // The demo registers its key persons from the register: start from one that is not linked.
    await apiCall(session.server, 'keyPersons.link', { id: kp!.id, residentId: null }, 'zhihui');
    await session.page.goto('about:blank');
    await session.page.goto(`${session.server.url}/#/residents?tab=keyPersons`);
    await session.page.getByPlaceholder('姓名、拼音首字母或手机尾号').fill(kp!.name);
    await session.page.getByPlaceholder('姓名、拼音首字母或手机尾号').press('Enter');
    const row = session.page.locator('.ant-table-row', { hasText: kp!.compoundName! }).first();
    await row.getByRole('button', { name: '关联居民' }).click();
    const dialog = session.page.getByRole('dialog', { name: `${kp!.name} 关联居民档案` });
    await dialog.getByLabel('居民').fill(residentName);
    const option = session.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: residentName }).first();
    // ID numbers are masked in the picker as everywhere.
    expect(await option.innerText()).toMatch(/\d{4}\*{10}[\dX]{4}/);
    await option.click();
    await dialog.getByRole('button', { name: '关联' }).click();
    await expect.poll(() => row.innerText()).toContain(`已关联 ${residentName}`);
    const after = (await apiCall<{ rows: KeyPerson[] }>(session.server, 'keyPersons.list', { q: kp!.name, pageSize: 100 }, 'zhihui')).rows.find(
      (x) => x.id === kp!.id,
    )!;
    expect(after.residentId).not.toBeNull();

    // The register shows the link from its side.
    await session.page.goto('about:blank');
    await session.page.goto(`${session.server.url}/#/residents?tab=residents`);
    await session.page.getByPlaceholder('名称或拼音首字母').fill(residentName);
    await session.page.getByPlaceholder('名称或拼音首字母').press('Enter');
    const resident = session.page.locator('.ant-table-row', { hasText: kp!.compoundName! }).filter({ hasText: residentName }).first();
    await expect.poll(() => resident.innerText()).toMatch(/观察中|解除|转送医院|转集中隔离/);
  });
});
