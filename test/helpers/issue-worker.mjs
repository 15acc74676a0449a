// Worker threads start without vitest's TypeScript transform: load the worker through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./issue-worker.ts', import.meta.url);
