import { describe, expect, it } from 'vitest';
import { CHINESE, count, errorOf, openSignedIn } from '../../../test/helpers/temp-core';

describe('call() envelopes', () => {
  it('refuses an unknown method, including names of Object.prototype, before asking for a session', async () => {
    const { core, call } = await openSignedIn();
    for (const name of ['compounds.explode', 'constructor', '__proto__', 'toString', '']) {
      const expected = { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${name}` } };
      expect(await call(name, {}), name).toEqual(expected);
      expect((await core.call(name, {}, { client: '10.0.0.5' })).envelope, name).toEqual(expected);
    }
  });

  it('missing input is a Chinese VALIDATION error naming each field', async () => {
    const { call } = await openSignedIn();
    const get = errorOf(await call('compounds.get', undefined));
    expect(get).toEqual({ code: 'VALIDATION', message: '输入有误：编号无效', issues: [{ path: 'id', message: '编号无效' }] });

    const create = errorOf(await call('communities.create', undefined));
    expect(create.code).toBe('VALIDATION');
    expect(create.issues?.map((i) => i.path).sort()).toEqual(['kind', 'name']);
    expect(create.message).toBe('输入有误：请填写社区名称；请选择类型（社区/村/居委会）');
  });

  it('input of the wrong shape is refused in Chinese and nothing is written', async () => {
    const { core, call } = await openSignedIn();
    for (const input of ['hello', 42, [1, 2], null]) {
      const error = errorOf(await call('communities.create', input));
      expect(error.code, JSON.stringify(input)).toBe('VALIDATION');
      expect(error.message).toMatch(CHINESE);
    }
    expect(count(core.db, 'communities')).toBe(0);
  });
});
