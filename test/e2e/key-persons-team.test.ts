import { describe, expect, it } from 'vitest';
import { apiCall, browserSession } from './harness';

/** 重点人员: 四包一 picked from the person's own community, and the link to the resident register. */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

type Compound = { id: number; name: string; communityName: string };

describe('key persons in Chromium', () => {
  it('四包一 pickers offer only the compound’s community and the office’s own people', async () => {
    const { rows } = await apiCall<{ rows: Compound[] }>(session.server, 'compounds.list', { pageSize: 1, sort: 'population', order: 'desc' });
    const target = rows[0]!;
    await session.page.goto(`${session.server.url}/#/residents?tab=keyPersons`);
    await session.page.getByRole('button', { name: '登记重点人员' }).click();
    const dialog = session.page.getByRole('dialog', { name: '登记重点人员' });
    const cadre = dialog.getByLabel('社区干部');
    // Nobody to pick before the person's compound is known.
    await expect.poll(() => cadre.isDisabled()).toBe(true);
    await dialog.getByLabel('居住小区').fill(target.name);
    await session.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `${target.name}（${target.communityName}）` })
      .first()
      .click();
    await expect.poll(() => cadre.isDisabled()).toBe(false);
    await cadre.click();
    const options = session.page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await expect.poll(() => options.count()).toBeGreaterThan(3);
    const labels = await options.allInnerTexts();
    expect(labels.every((l) => l.endsWith(`（${target.communityName}）`) || l.endsWith('（街道）'))).toBe(true);
    expect(labels.some((l) => l.endsWith(`（${target.communityName}）`))).toBe(true);
  });
});
