import fs from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * vitest's own order (failed first, then the longest), except that the browser files whose
 * server needs the full demo office go last: the run builds that office in the background
 * (test/e2e/global-setup.ts), and a file waiting for it would hold a worker idle meanwhile.
 */
export class FullDemoLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const needsFullDemo = (f: TestSpecification) => f.project.name === 'e2e' && fs.readFileSync(f.moduleId, 'utf8').includes("'--full-demo'");
    return [...sorted.filter((f) => !needsFullDemo(f)), ...sorted.filter(needsFullDemo)];
  }
}
