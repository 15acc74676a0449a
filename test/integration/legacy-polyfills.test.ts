import vm from 'node:vm';
import { expect, it } from 'vitest';
import { installLegacyPolyfills, type Realm } from '../../renderer/src/lib/legacy-polyfills';

it('gives a Chrome 87 runtime the .at() and Object.hasOwn the bundle calls', () => {
  // A fresh realm made to look like Chromium 87: neither exists.
  const realm = vm.createContext({});
  const run = (code: string) => vm.runInContext(code, realm) as unknown;
  run('delete Array.prototype.at; delete String.prototype.at; delete Object.getPrototypeOf(Int8Array.prototype).at; delete Object.hasOwn;');
  expect(run('typeof [].at + typeof Object.hasOwn')).toBe('undefinedundefined');
  installLegacyPolyfills(run('({ Array, String, Object, Int8Array })') as Realm);
  expect(run('[[1, 2, 3].at(-1), [1, 2, 3].at(0), [1, 2, 3].at(3), "甲乙丙".at(-2), new Uint8Array([7, 8]).at(-1)]')).toEqual([3, 1, undefined, '乙', 8]);
  expect(run('[Object.hasOwn({ a: 1 }, "a"), Object.hasOwn(Object.create({ a: 1 }), "a")]')).toEqual([true, false]);
  expect(run('Object.keys(Array.prototype).includes("at") || Object.keys(Object).includes("hasOwn")')).toBe(false);
});
