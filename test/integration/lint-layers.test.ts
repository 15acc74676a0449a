import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Lints a file that does not exist on disk (nothing is written into the shared tree), as
 * if it sat at `file`: its imports resolve against the real code around it.
 */
async function problems(eslint: ESLint, file: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

describe('lint: the declared layers and boundaries (eslint.config.js)', () => {
  // The project's own config, as `npm run lint` uses it.
  const eslint = new ESLint({ cwd: root });

  it('a place file importing the briefing (a higher layer) is reported', async () => {
    const found = await problems(
      eslint,
      'electron/core/places/zz-lint-fixture.ts',
      `import { dayFigures } from '../briefing/figures';\nexport const x = dayFigures;\n`,
    );
    expect(found).toContainEqual({ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('Layer order') });
  });

  it('a feature importing a sibling feature is reported', async () => {
    const found = await problems(
      eslint,
      'electron/core/supplies/zz-lint-fixture.ts',
      `import { people } from '../volunteers/registers';\nexport const x = people;\n`,
    );
    expect(found).toContainEqual({ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('sibling feature') });
  });

  it('the kernel importing a composition list (the registry) is reported', async () => {
    const found = await problems(
      eslint,
      'electron/core/api/zz-lint-fixture.ts',
      `import { handlers } from '../registry/handlers';\nexport const x = handlers;\n`,
    );
    expect(found).toContainEqual({
      rule: 'import-x/no-restricted-paths',
      message: expect.stringContaining('A kernel file may not import from a higher layer'),
    });
  });

  it("the Excel engine importing a feature's table or register is reported", async () => {
    const code = `import { compoundsTable } from '../places/excel-compounds';\nimport { people } from '../volunteers/registers';\nexport const x = [compoundsTable, people];\n`;
    const found = await problems(eslint, 'electron/core/excel/zz-lint-fixture.ts', code);
    expect(found.filter((p) => p.rule === 'import-x/no-restricted-paths')).toHaveLength(2);
  });

  it('residents importing inspections (the layer above) is reported', async () => {
    const found = await problems(
      eslint,
      'electron/core/residents/zz-lint-fixture.ts',
      `import { aroundDuty } from '../inspections/disinfection';\nexport const x = aroundDuty;\n`,
    );
    expect(found).toContainEqual({ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('Layer order') });
  });

  it('the core importing electron or a transport is reported', async () => {
    const found = await problems(
      eslint,
      'electron/core/places/zz-lint-fixture.ts',
      `import { app } from 'electron';\nimport { serveStatic } from '../../server/static';\nexport const x = [app, serveStatic];\n`,
    );
    expect(found).toContainEqual({ rule: 'no-restricted-imports', message: expect.stringContaining('never import electron') });
    expect(found).toContainEqual({ rule: 'import-x/no-restricted-paths', message: expect.stringContaining('called by the transports') });
  });

  it('shared/ importing electron or the core is reported', async () => {
    const found = await problems(
      eslint,
      'shared/domain/zz-lint-fixture.ts',
      `import { app } from 'electron';\nimport { stmt } from '../../electron/core/db/statements';\nexport const x = [app, stmt];\n`,
    );
    expect(found.map((p) => p.rule).sort()).toEqual(['import-x/no-restricted-paths', 'no-restricted-imports']);
  });

  it('the renderer importing Node or the core is reported', async () => {
    const code = `import fs from 'node:fs';\nimport path from 'path';\nimport { stmt } from '../../../../electron/core/db/statements';\nexport const x = [fs, path, stmt];\n`;
    const found = await problems(eslint, 'renderer/src/features/places/zz-lint-fixture.ts', code);
    expect(found.map((p) => p.rule)).toEqual(expect.arrayContaining(['no-restricted-imports', 'import-x/no-nodejs-modules', 'import-x/no-restricted-paths']));
  });

  it('imports that follow the order pass', async () => {
    const code = `import { stmt } from '../db/statements';\nimport { listRows } from '../kernel/entity';\nimport { communities } from '../places/communities';\nexport const x = [stmt, listRows, communities];\n`;
    expect(await problems(eslint, 'electron/core/supplies/zz-lint-fixture.ts', code)).toEqual([]);
  });
});

describe('lint: every core file is in a declared layer (lint/layers.js)', () => {
  it('no source file of electron/core escapes the layer rules', async () => {
    const eslint = new ESLint({ cwd: root });
    const files = (fs.readdirSync(path.join(root, 'electron/core'), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join('electron/core', f));
    expect(files.length).toBeGreaterThan(100);
    const outside: string[] = [];
    for (const file of files) {
      const config = await eslint.calculateConfigForFile(path.join(root, file));
      if (!config.rules?.['import-x/no-restricted-paths']) outside.push(file);
    }
    expect(outside, 'add these files (or their folder) to a layer in lint/layers.js').toEqual([]);
  });
});
