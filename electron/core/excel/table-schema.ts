import type { Permission } from '../../../shared/api/contract';
import type { EntityCtx } from '../kernel/entity';

/** One column of an importable table: its Chinese header, the other headers people use, and how to read it. */
export interface ColumnSpec {
  key: string;
  label: string;
  synonyms: string[];
  required?: boolean;
  kind: 'text' | 'int' | 'number' | 'enum' | 'idNumber' | 'phone' | 'date' | 'coordSystem';
  /** Code → Chinese label; an import accepts either. */
  enumLabels?: Record<string, string>;
  /** Shown in the template's 填写说明 sheet. */
  hint: string;
  example: string | number;
  width?: number;
  /** Personal data: masked in exports unless 导出完整信息 ('text': free text that may describe people, hidden). */
  personal?: 'phone' | 'name' | 'idNumber' | 'text';
}

/**
 * The commit of a big table in two parts: each row is turned into plain values in steps,
 * outside any transaction (other callers' writes go through between the steps), then the
 * chunks are written by a few set-wise statements inside the import's one all-or-nothing
 * transaction, which other writers wait for — so that wait is short.
 */
export interface BulkSave {
  /** Reads what it needs (references, the row's state) and checks what `save` checks; throws as `save` would. */
  stage(ctx: EntityCtx, input: Record<string, unknown>, existingId: number | null): unknown[];
  /**
   * Saves one chunk of staged rows, given as they are and as one JSON array (for SQL's
   * json_each). Throws StaleRow when a row it updates was changed since it was staged.
   */
  write(ctx: EntityCtx, rows: unknown[][], json: string): void;
}

/** A staged row (its index in the chunk) whose stored row another user changed or deleted after it was staged. */
export class StaleRow extends Error {
  constructor(readonly index: number) {
    super(`staged row ${index} is stale`);
  }
}

export interface CellError {
  key: string;
  message: string;
}

/**
 * An importable table. Features declare one and the engine does the rest: templates,
 * header detection, mapping, validation, duplicates, preview, commit, export.
 */
export interface TableSchema {
  name: string;
  label: string;
  /** What a role needs to import into this table (the engine's methods only need a session). */
  perm: Permission;
  columns: ColumnSpec[];
  /** Explains the natural key in duplicate messages, e.g. "同一社区中同名的小区". */
  keyLabel: string;
  /** The column a duplicate within the file is reported against (default: the first column). */
  keyColumn?: string;
  /**
   * A stable key the table's own export writes (人员编号): the row it names is the row the
   * import compares with and updates, whatever else changed, and a masked cell (138****1234)
   * that matches the mask of that row's stored value is read as that value, unchanged. So a
   * default (masked) export imports back as 无变化 instead of failing every row.
   */
  rowKey?: { column: string; find(ctx: EntityCtx, value: unknown): Record<string, unknown> | null; missing: string };
  /** Turns normalised cell values into the contract's input, or errors per column. */
  resolve(ctx: EntityCtx, values: Record<string, unknown>): { input: Record<string, unknown> | null; errors: CellError[]; key: string };
  /** The row already in the database with the same natural key, as contract output. */
  findExisting(ctx: EntityCtx, input: Record<string, unknown>): Record<string, unknown> | null;
  /** Fields compared to decide between update and unchanged. */
  compare: string[];
  save(ctx: EntityCtx, input: Record<string, unknown>, existingId: number | null): void;
  /** A big table's faster commit than `save` row by row (see BulkSave). */
  bulk?: BulkSave;
  /** What the import will create besides its own rows (e.g. buildings, households), in Chinese, for the preview. */
  summarize?(ctx: EntityCtx, inputs: Record<string, unknown>[]): string[];
  /**
   * The communities a row touches — its new values' and, on update, the existing row's —
   * each with the column to blame and what to call it ("小区“馨苑华园”"). A
   * 社区工作人员 may import only rows of their own communities; a table without this is
   * office-level and only office-wide users may import it.
   */
  communityOf?(
    ctx: EntityCtx,
    input: Record<string, unknown>,
    existing: Record<string, unknown> | null,
  ): { key: string; communityId: number | null; what: string }[];
  /** Rows for export (already filtered and scoped by the caller), as cell values by column key. */
  toCells(row: Record<string, unknown>): Record<string, unknown>;
}

type Hooks = 'resolve' | 'findExisting' | 'save' | 'summarize' | 'communityOf' | 'toCells';

/** A table's hooks typed by what it reads into (`I`, the contract's input) and its register's row (`R`). */
export interface TypedTable<I extends object, R extends object> extends Omit<TableSchema, Hooks> {
  resolve(ctx: EntityCtx, values: Record<string, unknown>): { input: I | null; errors: CellError[]; key: string };
  findExisting(ctx: EntityCtx, input: I): R | null;
  save(ctx: EntityCtx, input: I, existingId: number | null): void;
  summarize?(ctx: EntityCtx, inputs: I[]): string[];
  communityOf?(ctx: EntityCtx, input: I, existing: R | null): { key: string; communityId: number | null; what: string }[];
  toCells(row: R): Record<string, unknown>;
}

/**
 * An importable table declared with typed hooks. The engine hands a table only what that
 * table produced — resolve()'s inputs to findExisting, save and communityOf, the rows of
 * its own register to toCells — so the one narrowing is here, not in every hook.
 */
export const defineTable = <I extends object, R extends object>(table: TypedTable<I, R>): TableSchema => table as unknown as TableSchema;
