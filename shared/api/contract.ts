import { z } from 'zod';

/**
 * Why a contract: the Electron IPC binding, the LAN HTTP server and the renderer's
 * client are three transports for one list of methods. Each method is declared once
 * here with its zod input/output and the permission it needs; the transports iterate
 * this list instead of keeping their own.
 */

/** What a role may do; every method names one (see shared/domain/roles.ts). */
export type Permission =
  | 'office:read'
  | 'office:write'
  | 'places:read'
  | 'places:write'
  | 'supplies:read'
  | 'supplies:write'
  | 'supplies:approve'
  | 'roster:read'
  | 'roster:write'
  | 'residents:read'
  | 'residents:write'
  | 'registrations:write'
  | 'inspections:read'
  | 'inspections:write'
  | 'briefing:read'
  | 'briefing:write'
  | 'personal:unmask'
  | 'system:backup'
  | 'system:settings'
  | 'users:manage'
  | 'audit:read';

/** 'public': callable without a session (sign-in itself); 'session': any signed-in user. */
export type Access = Permission | 'public' | 'session';

/** Rows that belong to a community, named by id in a method's input (see ScopeSpec). */
export type RefKind =
  | 'community'
  | 'compound'
  | 'checkpoint'
  | 'building'
  | 'household'
  | 'resident'
  | 'keyPerson'
  | 'pass'
  | 'need'
  | 'alert'
  | 'premises'
  | 'problem'
  | 'disinfectionArea'
  | 'person';

/**
 * How a method meets community-scoped data (社区工作人员 see and change only their own
 * communities):
 * - 'office': office-level data or office-wide aggregates, the same for every caller;
 * - 'rows': its results are filtered to the caller's communities in its SQL;
 * - { refs }: input paths (dotted, arrays walked through) that name community rows, each
 *   checked by call() before the handler runs; `{ kindFrom: 'targetKind' }` takes the kind
 *   from a sibling field. `rows: true` when the results are filtered as well.
 */
export type ScopeSpec = 'office' | 'rows' | { refs: Record<string, RefKind | { kindFrom: string }>; rows?: true };

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line in Chinese: shown in logs and the API listing. */
  summary: string;
  input: I;
  output: O;
  perm: Access;
  /**
   * 'tx': the core runs the handler inside one write transaction (all or nothing).
   * 'self': the handler manages its own transactions (e.g. it must back up first).
   * false: read only.
   */
  write: 'tx' | 'self' | false;
  /**
   * Whether the output can contain personal data. It is masked unless the input carries
   * `reveal` (a reason) and the role has personal:unmask; such reads are audited.
   */
  personal?: boolean;
  /**
   * Dotted paths (arrays walked through) in the output that hold a person's name, e.g.
   * 'rows.name': shown as 张*伟 to every role without personal:unmask, and masked in the
   * audit log's copy of the input.
   */
  names?: readonly string[];
  /**
   * Paths of free text that may describe people (needs, notes, findings, problem
   * descriptions), in the input or the output: hidden from roles without personal:unmask
   * and never written to the audit log.
   */
  notes?: readonly string[];
  /** Community scope (required for every method a 社区工作人员 may call; a test walks them all). */
  scope?: ScopeSpec;
  /**
   * How a call is logged (see auditKind): by default 'write' for a method with `write`,
   * nothing for a read. 'auth' for signing in and out and one's own password (they change
   * sessions, not the office's data); 'export' for a method that hands data out (a file, a
   * plan, a briefing's Word file, a workbook, an error report, a photo, GeoJSON);
   * 'read_personal' for rows of personal data shown from an uploaded file (the import preview).
   * Only 'write' moves the data version the 总览 polls.
   */
  audit?: AuditKind;
  /** Body size the LAN server accepts for this method (default 5 MB); for file uploads. */
  maxBodyBytes?: number;
  /**
   * The input field that may carry a file as raw bytes (a Uint8Array): over HTTP the body
   * is then the file itself (application/octet-stream) and the other fields come in the
   * query string; over IPC the bytes are cloned as they are. No base64 to encode or decode.
   */
  binary?: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** What the audit log records a call as (its `kind` column also has 'security' for refusals). */
export type AuditKind = 'write' | 'export' | 'auth' | 'read_personal';

/** The audit kind a call of this method is logged under; null for a plain read (not logged). */
export const auditKind = (spec: Pick<MethodSpec, 'write' | 'audit'>): AuditKind | null => spec.audit ?? (spec.write ? 'write' : null);

/** Whether a call changes the office's data: moves the 总览's data version, refused on a full disk. */
export const changesData = (spec: Pick<MethodSpec, 'write' | 'audit'>): boolean => !!spec.write && auditKind(spec) === 'write';

export type AnyContract = Record<string, MethodSpec>;
