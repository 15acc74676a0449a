import { describe, expect, it } from 'vitest';
import { buildCsp, tileOrigins } from './csp';

describe('content security policy', () => {
  it('allows images only from the app itself unless a basemap is configured', () => {
    expect(buildCsp()).toContain("img-src 'self' data: blob:;");
    expect(buildCsp()).toContain("script-src 'self';");
    expect(buildCsp()).toContain("frame-src 'none';");
    expect(buildCsp(tileOrigins('https://tiles.example.cn/osm/{z}/{x}/{y}.png'))).toContain("img-src 'self' data: blob: https://tiles.example.cn;");
    expect(tileOrigins('http://t{s}.example.cn/{z}/{x}/{y}.png')).toEqual(['http://*.example.cn']);
    expect(tileOrigins('javascript:alert(1)//{z}')).toEqual([]);
    expect(tileOrigins(null)).toEqual([]);
  });
});
