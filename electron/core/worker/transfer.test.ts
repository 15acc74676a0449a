import { describe, expect, it } from 'vitest';
import { transferables } from './worker-core';

describe('which upload bytes move to the core thread', () => {
  it('a file that owns its buffer moves; a slice of a shared buffer (Node’s pool) is copied, so its neighbours keep their bytes', () => {
    const own = new Uint8Array(64 * 1024);
    expect(transferables({ table: 'residents', bytes: own })).toEqual([own.buffer]);
    const pooled = Buffer.from('小区');
    expect(pooled.byteLength).toBeLessThan(pooled.buffer.byteLength);
    expect(transferables({ bytes: pooled })).toEqual([]);
    expect(transferables({ base64: 'AAAA' })).toEqual([]);
    expect(transferables(null)).toEqual([]);
  });
});
