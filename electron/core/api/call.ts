import type { z } from 'zod';
import { api, ApiError, type ApiErrorBody, type Envelope, isMethodName, type MethodName } from '../../../shared/api';
import { maskAt, maskName, maskNamesAndNotes, maskPersonal, rowCount } from '../../../shared/domain/mask';
import { can } from '../../../shared/domain/roles';
import { auditKind, changesData, type MethodSpec } from '../../../shared/api/contract';
import { type AuditInput, diff, writeAudit } from '../auth/audit';
import { resolveSession } from '../auth/sessions';
import type { Change } from '../kernel/entity';
import { authorize } from './guard';
import { checkScope } from './scope';
import type { Caller, Ctx, Handlers, SessionChange } from './types';

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
  // The core names the folder and the free space (it knows where the data lives).
  if (/^(SQLITE_FULL|ENOSPC|EDQUOT)/.test(code ?? '')) return new ApiError('DISK_FULL', '磁盘空间不足，本次修改没有保存；已有数据未受影响。');
  return null;
}

function toErrorBody(e: unknown, name: string): ApiErrorBody {
  if (e instanceof ApiError) return e.toBody();
  const mapped = fromSqlite(e);
  if (mapped) return mapped.toBody();
  // Only the method and error class are logged: inputs may hold residents' data.
  console.error(`[api] ${name} failed: ${(e as Error)?.name ?? 'Error'}: ${(e as Error)?.message ?? ''}`);
  if (process.env.DEBUG_API) console.error((e as Error)?.stack);
  return { code: 'INTERNAL', message: '操作失败，数据未改动。请重试，或联系技术人员。' };
}

/** Longer strings are file contents (base64 uploads, GeoJSON text): the log names their size only. */
const MAX_LOGGED_STRING = 2000;

/**
 * Input as it may be logged: passwords never, file contents not — at any depth, since
 * photos arrive inside lists of failures and fixes — personal fields masked later.
 */
function loggable(input: unknown): unknown {
  if (typeof input === 'string') return input.length > MAX_LOGGED_STRING ? `（文件内容 ${input.length} 字符，未记录）` : input;
  if (Array.isArray(input)) return input.map(loggable);
  if (!input || typeof input !== 'object') return input;
  return Object.fromEntries(
    Object.entries(input)
      // Secrets never: passwords, one-time pairing codes, tokens.
      .filter(([k]) => !/password|^code$|token/i.test(k))
      .map(([k, v]) => [k, loggable(v)]),
  );
}

/**
 * The audit log is kept for years and can never be edited, so what it must not hold is
 * kept out when it is written: at any depth, a key named like a declared name path is
 * masked and one named like a free-text path is dropped.
 */
function forAudit(value: unknown, spec: MethodSpec): unknown {
  const last = (p: string) => p.split('.').at(-1)!;
  const names = new Set((spec.names ?? []).map(last));
  if (spec.personal) names.add('name');
  const notes = new Set((spec.notes ?? []).map(last));
  if (names.size === 0 && notes.size === 0) return value;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(
      Object.entries(v).map(([k, x]) => [k, notes.has(k) ? (x === null ? null : '（自由文本，未记录）') : names.has(k) ? maskAt(x, [], maskName) : walk(x)]),
    );
  };
  return walk(value);
}

export interface CallResult {
  envelope: Envelope;
  /** For the transport: set or clear the caller's session (cookie or window session). */
  session: SessionChange;
}

export type BaseCtx = Omit<Ctx, 'client' | 'local' | 'user' | 'record' | 'session'>;

/**
 * The checks that need no input — a known method, a session, the role's permission — for
 * a transport that must refuse before it reads a request body: an unauthenticated upload
 * of hundreds of megabytes is turned away without being buffered.
 */
export function precheck(name: string, caller: Caller, base: BaseCtx): ApiErrorBody | null {
  if (!isMethodName(name)) return { code: 'UNKNOWN_METHOD', message: `未知的接口：${name}` };
  const spec = api[name];
  if (spec.perm === 'public') return null;
  const user = caller.token ? resolveSession(base.db, caller.token, base.now()) : null;
  try {
    authorize(name, spec, user, null, !!caller.token);
    return null;
  } catch (e) {
    if (e instanceof ApiError && e.code === 'FORBIDDEN') {
      const row: AuditInput = {
        ts: base.now().toISOString(),
        userId: user?.id ?? null,
        username: user?.username ?? null,
        client: caller.client,
        method: name,
        kind: 'security',
        detail: { refused: e.message },
      };
      if (base.auditLater) base.auditLater(row);
      else writeAudit(base.db, row);
    }
    return toErrorBody(e, name);
  }
}

/**
 * The one entry point every transport uses: refuses unknown names, resolves the
 * session, checks the permission, validates the input with the contract's zod schema,
 * runs the handler (inside one transaction for writes, with the audit rows and the
 * output check before commit), masks personal data unless revealed. Never throws.
 * `handlers` is every method's handler, composed by the registry (call() never imports features).
 */
export async function call(handlers: Handlers<MethodName>, name: string, rawInput: unknown, caller: Caller, base: BaseCtx): Promise<CallResult> {
  const session: SessionChange = {};
  if (!isMethodName(name)) return { envelope: { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的接口：${name}` } }, session };
  const spec = api[name];
  const changes: Change[] = [];
  const user = caller.token ? resolveSession(base.db, caller.token, base.now()) : null;
  const ctx: Ctx = { ...base, client: caller.client, local: caller.local ?? false, user, record: (c) => changes.push(c), session };
  const audit = (e: Omit<AuditInput, 'ts' | 'userId' | 'username' | 'client' | 'method'>) => {
    const row = { ts: base.now().toISOString(), userId: user?.id ?? null, username: user?.username ?? null, client: caller.client, method: name, ...e };
    if (base.auditLater) base.auditLater(row);
    else writeAudit(ctx.db, row);
  };

  try {
    authorize(name, spec, user, rawInput, !!caller.token);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'FORBIDDEN') audit({ kind: 'security', detail: { refused: e.message } });
    return { envelope: { ok: false, error: toErrorBody(e, name) }, session };
  }
  // Scope is judged on the ids as sent (ids are plain numbers, unchanged by validation), so
  // a call naming another community's row is refused whatever else is wrong with it.
  try {
    if (user && !user.scopeAll) checkScope(ctx.db, spec, rawInput, user.id);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'FORBIDDEN') audit({ kind: 'security', detail: { refused: e.message } });
    return { envelope: { ok: false, error: toErrorBody(e, name) }, session };
  }
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { envelope: { ok: false, error: validationError(parsed.error).toBody() }, session };

  const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
  const reveal = (parsed.data as { reveal?: { reason: string; note?: string } }).reveal;
  const finish = (out: unknown) => {
    const checked = spec.output.safeParse(out);
    if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
    const kind = auditKind(spec);
    if (kind) {
      const exported = (checked.data as { rowCount?: number }).rowCount ?? (spec.audit === 'read_personal' ? rowCount(checked.data) : null);
      const detail = forAudit(loggable(parsed.data), spec);
      if (changes.length === 0) audit({ kind, entity: name.split('.')[0]!, detail, rowCount: exported });
      for (const c of changes) audit({ kind, entity: c.entity, entityId: c.id, detail: forAudit(diff(c.before, c.after), spec) });
    }
    // Names and free text: open to roles that may unmask, masked for everyone else, whatever they ask.
    const shown = user && can(user.role, 'personal:unmask') ? checked.data : maskNamesAndNotes(checked.data, spec);
    if (!spec.personal) return shown;
    if (!reveal) return maskPersonal(shown);
    audit({ kind: 'read_personal', detail: reveal, rowCount: rowCount(shown) });
    return shown;
  };
  try {
    const data =
      spec.write === 'tx'
        ? // IMMEDIATE takes the write lock at BEGIN: two processes writing the same stock queue
          // up instead of both reading it and one failing halfway on a stale snapshot.
          ctx.db
            .transaction(() => {
              const out = handler(parsed.data, ctx);
              if (out instanceof Promise) throw new Error(`${name} is a 'tx' method and must be synchronous`);
              return finish(out);
            })
            .immediate()
        : finish(await handler(parsed.data, ctx));
    if (changesData(spec)) base.bumpVersion();
    return { envelope: { ok: true, data }, session };
  } catch (e) {
    return { envelope: { ok: false, error: toErrorBody(e, name) }, session };
  }
}
