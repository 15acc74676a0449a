/**
 * Office PCs on the LAN run 360 / QQ browsers on Chromium cores as old as 87 (the build
 * target). The syntax is lowered at build time; these runtime methods are not, and the
 * bundle uses them (Array.prototype.at: Chrome 92, Object.hasOwn: Chrome 93).
 */
function at<T>(this: ArrayLike<T>, index: number): T | undefined {
  const i = Math.trunc(index) || 0;
  const k = i < 0 ? this.length + i : i;
  return k < 0 || k >= this.length ? undefined : this[k];
}

export interface Realm {
  Array: ArrayConstructor;
  String: StringConstructor;
  Object: ObjectConstructor;
  Int8Array: Int8ArrayConstructor;
}

/** Adds what the realm lacks, as non-enumerable properties like the built-ins. */
export function installLegacyPolyfills(g: Realm): void {
  const typed = g.Object.getPrototypeOf(g.Int8Array.prototype) as object;
  for (const proto of [g.Array.prototype, g.String.prototype, typed]) {
    if (!('at' in proto)) g.Object.defineProperty(proto, 'at', { value: at, writable: true, configurable: true });
  }
  if (typeof (g.Object as { hasOwn?: unknown }).hasOwn !== 'function') {
    const hasOwnProperty = g.Object.prototype.hasOwnProperty;
    g.Object.defineProperty(g.Object, 'hasOwn', { value: (o: object, key: PropertyKey) => hasOwnProperty.call(o, key), writable: true, configurable: true });
  }
}

installLegacyPolyfills(globalThis);
