import type { z } from 'zod';
import { api, ApiError, type ApiErrorBody, type Envelope, isMethodName, type MethodName } from '../../../shared/api';
import { handlers } from './handlers';
import type { Ctx } from './types';

/** Zod issues → one Chinese sentence plus per-field messages for the form. */
export function validationError(error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const message = `输入有误：${[...new Set(issues.map((i) => i.message))].join('；')}`;
  return new ApiError('VALIDATION', message, issues);
}

/** Maps SQLite constraint failures that slipped past a service's own checks. */
function fromSqlite(e: unknown): ApiError | null {
  const code = (e as { code?: string })?.code;
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new ApiError('IN_USE', '关联的数据不存在，或仍被其他数据引用；未做任何修改。');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') return new ApiError('CONFLICT', '已存在同名记录；未做任何修改。');
  if (code === 'SQLITE_BUSY') return new ApiError('INTERNAL', '数据库正忙（可能正在备份），请稍后重试；未做任何修改。');
  return null;
}

function toErrorBody(e: unknown, name: string): ApiErrorBody {
  if (e instanceof ApiError) return e.toBody();
  const mapped = fromSqlite(e);
  if (mapped) return mapped.toBody();
  // Only the method and error class are logged: inputs may hold residents' data.
  console.error(`[api] ${name} failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? ''}`);
  return { code: 'INTERNAL', message: '操作失败，数据未改动。请重试，或联系技术人员。' };
}

/**
 * The one entry point every transport uses: refuses unknown names, validates the input
 * with the contract's zod schema, runs the handler (inside one transaction for writes,
 * validating the output before commit) and returns an envelope, never throws.
 */
export async function call(name: string, rawInput: unknown, ctx: Ctx): Promise<Envelope> {
  if (!isMethodName(name)) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${name}` } };
  const spec = api[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: validationError(parsed.error).toBody() };
  const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
  const finish = (out: unknown) => {
    const checked = spec.output.safeParse(out);
    if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
    return checked.data;
  };
  try {
    const data =
      spec.write === 'tx'
        ? ctx.db.transaction(() => {
            const out = handler(parsed.data, ctx);
            if (out instanceof Promise) throw new Error(`${name} is a 'tx' method and must be synchronous`);
            return finish(out);
          })()
        : finish(await handler(parsed.data, ctx));
    return { ok: true, data };
  } catch (e) {
    return { ok: false, error: toErrorBody(e, name) };
  }
}

export type CallFn = typeof call;
export const declaredMethods = (): MethodName[] => Object.keys(handlers) as MethodName[];
