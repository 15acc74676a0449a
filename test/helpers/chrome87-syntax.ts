import { parse } from 'acorn';

/**
 * Syntax Chrome 87 cannot parse, in built JavaScript. Chrome 87 has ES2020 plus class
 * fields and private methods, logical assignment and numeric separators (ES2022 / 2021,
 * which acorn parses at ecmaVersion 2022); it lacks what this walk looks for (top-level
 * await: 89, `#x in o`: 91, static blocks: 94, the regexp /d flag: 90) and everything
 * newer, which acorn at 2022 refuses outright. Runtime APIs (Array.prototype.at …) are
 * not syntax and are not checked here.
 */
export function chrome87SyntaxProblems(code: string): string[] {
  let ast: ReturnType<typeof parse>;
  try {
    ast = parse(code, { ecmaVersion: 2022, sourceType: 'module' });
  } catch (e) {
    return [`not ES2022: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  const walk = (node: unknown, inFunction: boolean): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) walk(n, inFunction);
      return;
    }
    const n = node as { type?: string; start?: number; operator?: string; left?: { type?: string }; regex?: { flags: string }; await?: boolean };
    const at = () => `at ${n.start}`;
    if (n.type === 'StaticBlock') problems.push(`class static block ${at()}`);
    if (n.type === 'AwaitExpression' && !inFunction) problems.push(`top-level await ${at()}`);
    if (n.type === 'ForOfStatement' && n.await && !inFunction) problems.push(`top-level for await ${at()}`);
    if (n.type === 'BinaryExpression' && n.operator === 'in' && n.left?.type === 'PrivateIdentifier') problems.push(`#private in ${at()}`);
    if (n.regex && /[dv]/.test(n.regex.flags)) problems.push(`regexp flag ${n.regex.flags} ${at()}`);
    const fn = /Function/.test(n.type ?? '') || n.type === 'StaticBlock' || n.type === 'PropertyDefinition';
    for (const [k, v] of Object.entries(n)) if (k !== 'type' && typeof v === 'object') walk(v, inFunction || fn);
  };
  walk(ast, false);
  return problems;
}
