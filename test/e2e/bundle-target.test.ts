import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chrome87SyntaxProblems } from '../helpers/chrome87-syntax';

const assets = fileURLToPath(new URL('../../out/renderer/assets/', import.meta.url));

describe('the renderer as office PCs with older browsers (360 / QQ on Chromium 87) load it', () => {
  it('every built script parses as Chrome 87 syntax', () => {
    const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(5);
    const problems = scripts.flatMap((f) => chrome87SyntaxProblems(fs.readFileSync(path.join(assets, f), 'utf8')).map((p) => `${f}: ${p}`));
    expect(problems).toEqual([]);
  });

  it('the check refuses what Chrome 87 cannot parse and accepts what it can', () => {
    for (const bad of [
      'class A { static { } }',
      'await x;',
      'class A { #x; m(o) { return #x in o; } }',
      'const r = /a/d;',
      'const a = [1].findLast?.(x => x) ?? 1; using f = g();',
    ]) {
      expect(chrome87SyntaxProblems(bad), bad).not.toEqual([]);
    }
    for (const good of [
      'a ??= 1; b ||= c?.d;',
      'class A { #x = 1; static y = 2; #m() {} }',
      'export default async () => { await x; };',
      'const n = 1_000_000n;',
    ]) {
      expect(chrome87SyntaxProblems(good), good).toEqual([]);
    }
  });
});
