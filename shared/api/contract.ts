import { z } from 'zod';

/**
 * Why a contract: the Electron IPC binding, the LAN HTTP server and the renderer's
 * client are three transports for one list of methods. Each method is declared once
 * here with its zod input/output and the permission it needs; the transports iterate
 * this list instead of keeping their own.
 */

/** Permissions are declared now so later features state theirs from the first line. */
export type Permission =
  | 'office:read'
  | 'office:write'
  | 'places:read'
  | 'places:write'
  | 'system:admin';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line in Chinese: shown in logs and the API listing. */
  summary: string;
  input: I;
  output: O;
  perm: Permission;
  /**
   * 'tx': the core runs the handler inside one write transaction (all or nothing).
   * 'self': the handler manages its own transactions (e.g. it must back up first).
   * false: read only.
   */
  write: 'tx' | 'self' | false;
  /** Whether the output can contain residents' personal data (masked by default). */
  personal?: boolean;
}

export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

export type AnyContract = Record<string, MethodSpec>;
