import { describe, expect, it } from 'vitest';
import { apiCall, browserSession } from './harness';

/** 封控 from the map: time and reason into the history, then a checkpoint for the compound, then tonight's people. */
const session = browserSession('zhihui', { viewport: { width: 1400, height: 900 } });

type Compound = { id: number; name: string };
type Roster = { id: number; startDate: string; days: number };
type Grid = { posts: { name: string; cells: { name: string }[][][] }[] };

describe('封控 a compound on the map', () => {
  it('seals with a reason, adds the offered checkpoint where clicked, staffs it tonight, and lifts the seal again', async () => {
    const { rows } = await apiCall<{ rows: Compound[] }>(session.server, 'compounds.list', {
      controlLevel: 'normal',
      pageSize: 1,
      sort: 'population',
      order: 'desc',
    });
    const target = rows[0]!;
    await session.page.goto(`${session.server.url}/#/map`);
    await expect.poll(() => session.page.getByTestId('map-status').innerText()).toMatch(/已显示 \d+ 个小区/);
    await session.page.getByLabel('地图搜索').fill(target.name);
    await session.page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: target.name }).first().click();
    const panel = session.page.getByTestId('map-panel');
    await expect.poll(() => panel.innerText()).toContain(target.name);
    await panel.getByRole('button', { name: '封控' }).click();

    const flow = session.page.getByRole('dialog', { name: `封控 ${target.name}` });
    await flow.getByLabel('封控原因').fill('发现一例阳性，按指挥部通知封控');
    await flow.getByRole('button', { name: '确认封控' }).click();
    await flow.getByRole('button', { name: '在地图上添加卡点' }).click();

    // The map takes the click; the form names the compound and the checkpoint already.
    await expect.poll(() => session.page.getByTestId('map-placing').innerText()).toContain('在地图上点击卡点所在位置');
    const box = (await session.page.locator('.map-canvas').boundingBox())!;
    await session.page.mouse.click(box.x + box.width / 2 + 30, box.y + box.height / 2);
    const form = session.page.getByRole('dialog', { name: '添加卡点' });
    await expect.poll(() => form.getByLabel('卡点名称').inputValue()).toBe(`${target.name}封控卡点`);
    await form.getByRole('button', { name: '保存' }).click();

    // Back in the flow: tonight's shift at the new checkpoint, with a roster covering today (made here if there is none).
    const staff = flow.getByTestId('staff-tonight');
    const newRoster = flow.getByRole('button', { name: '新建今天起一周的排班表' });
    await expect.poll(async () => (await staff.count()) + (await newRoster.count())).toBe(1);
    if (await newRoster.count()) await newRoster.click();
    await staff.waitFor();
    const boxes = staff.getByRole('checkbox');
    await expect.poll(() => boxes.count()).toBeGreaterThan(1);
    const names = [
      (await staff.locator('.ant-checkbox-wrapper').nth(0).innerText()).split('（')[0]!,
      (await staff.locator('.ant-checkbox-wrapper').nth(1).innerText()).split('（')[0]!,
    ];
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await staff.getByRole('button', { name: /安排到今晚班次/ }).click();
    await expect.poll(() => staff.innerText()).toContain(`已安排：${names.join('、')}`);

    // What was saved: the level with its reason, the checkpoint at the compound, the two people on its post.
    const history = await apiCall<{ level: string; reason: string }[]>(session.server, 'compounds.levelHistory', { id: target.id }, 'zhihui');
    expect(history[0]).toMatchObject({ level: 'sealed', reason: '发现一例阳性，按指挥部通知封控' });
    const cps = (
      await apiCall<{ rows: { id: number; name: string; compoundId: number }[] }>(session.server, 'checkpoints.list', { q: `${target.name}封控卡点` })
    ).rows;
    expect(cps).toMatchObject([{ compoundId: target.id }]);
    const today = new Date().toISOString().slice(0, 10);
    const rosters = await apiCall<Roster[]>(session.server, 'rosters.list', {}, 'zhihui');
    const roster = rosters.find((r) => r.startDate <= today && today < new Date(Date.parse(r.startDate) + r.days * 86_400_000).toISOString().slice(0, 10))!;
    const grid = await apiCall<Grid>(session.server, 'rosters.grid', { id: roster.id, q: `${target.name}封控卡点` }, 'zhihui');
    const onPost = grid.posts
      .find((p) => p.name === `${target.name}封控卡点`)!
      .cells.flat(2)
      .map((c) => c.name);
    expect(onPost).toEqual(expect.arrayContaining(names));

    // On the map: the compound reads 封控区 and lists its new checkpoint.
    await flow.locator('.ant-modal-close').click();
    await session.page.getByLabel('地图搜索').fill(target.name);
    await session.page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: `小区 · ${target.name}` })
      .first()
      .click();
    await expect.poll(() => panel.innerText()).toContain('封控区');
    expect(await panel.innerText()).toContain(`${target.name}封控卡点`);

    // 解封 from the same panel: to 防范区, with time and reason, recorded in the history and shown on the panel.
    await panel.getByRole('button', { name: /^解\s*封$/ }).click();
    const lift = session.page.getByRole('dialog', { name: `解封 ${target.name}` });
    await lift.getByLabel('解封原因').fill('连续 14 天无新增，按指挥部通知解封');
    await lift.getByRole('button', { name: '确认解封' }).click();
    await expect.poll(() => panel.innerText()).toContain('防范区');
    expect(await panel.innerText()).not.toContain('封控区');
    const after = await apiCall<{ level: string; reason: string }[]>(session.server, 'compounds.levelHistory', { id: target.id }, 'zhihui');
    expect(after.slice(0, 2)).toMatchObject([
      { level: 'precaution', reason: '连续 14 天无新增，按指挥部通知解封' },
      { level: 'sealed', reason: '发现一例阳性，按指挥部通知封控' },
    ]);
  });
});
