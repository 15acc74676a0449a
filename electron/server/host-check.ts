import os from 'node:os';

/**
 * DNS rebinding: a page on the internet can point its own name at this PC (or at
 * 127.0.0.1 in the browser of the PC itself) and then talk to the server as if it were
 * same-origin. Its requests still carry that foreign name in Host, so only names that
 * denote this server are answered: loopback, the machine's name, its current addresses
 * and the names the office configured (--host-name).
 */
export function hostCheck(configured: string[] = []): (host: string | undefined) => boolean {
  const fixed = new Set(['localhost', '127.0.0.1', '::1', ...configured.map((n) => n.toLowerCase())]);
  let addresses = new Set<string>();
  let readAt = 0;
  const current = () => {
    // Addresses change with DHCP or a cable; re-read at most every 10 s.
    if (Date.now() - readAt > 10_000) {
      const hostname = os.hostname().toLowerCase();
      addresses = new Set([
        hostname,
        `${hostname}.local`,
        ...Object.values(os.networkInterfaces())
          .flat()
          .flatMap((a) => (a ? [a.address.toLowerCase()] : [])),
      ]);
      readAt = Date.now();
    }
    return addresses;
  };
  return (host) => {
    const name = hostnameOf(host);
    if (name === null) return false;
    return fixed.has(name) || name.endsWith('.localhost') || current().has(name);
  };
}

/** The name part of a Host header, lower-case, IPv6 without brackets; null when it is not a plain host[:port]. */
export function hostnameOf(host: string | undefined): string | null {
  if (!host) return null;
  try {
    const url = new URL(`http://${host}`);
    if (url.host !== host.toLowerCase() && url.host !== host.toLowerCase().replace(/:80$/, '')) return null;
    return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}
