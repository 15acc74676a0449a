import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = fileURLToPath(new URL('../../../test/helpers/hostile-upload-run.ts', import.meta.url));

describe('uploads built to exhaust memory', () => {
  it('a shared string of 160 MB (400 KB on disk) and a sheet of 17 billion cells are refused before parsing, naming the limit, and the process stays under 1 GB', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', run], { maxBuffer: 1 << 20 });
    const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { sizes: { bomb: number }; messages: { bomb: string[]; far: string[] }; maxRssMb: number };
    expect(out.sizes.bomb).toBeLessThan(4 * 1024 * 1024);
    expect(out.messages.bomb).toEqual(
      Array(3).fill('文件“bomb.xlsx”解压后过大：其中“xl/sharedStrings.xml”有 160 MB，超过每部分 120 MB 的上限，未读取。请确认文件来源，或拆分后分批导入'),
    );
    expect(out.messages.far).toEqual(Array(3).fill(expect.stringContaining('超过 4,000,000 个单元格的上限，未读取')));
    expect(out.maxRssMb).toBeLessThan(1024);
  }, 120_000);
});
