import { ApiError } from '../../../shared/api/errors';

/**
 * Applies one change to many rows inside the caller's transaction (a 'tx' method): the
 * first row that cannot take it stops the whole call, and the message names that row by
 * its place in the selection and a label the user recognises, so nothing is half-changed
 * and the user knows which row to look at.
 */
export function applyToEach<T>(ids: readonly number[], label: (id: number) => string, apply: (id: number) => T): T[] {
  const out: T[] = [];
  ids.forEach((id, i) => {
    try {
      out.push(apply(id));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      throw new ApiError(e.code, `第 ${i + 1} 条（${label(id)}）：${e.message}；全部未修改`, e.issues);
    }
  });
  return out;
}
