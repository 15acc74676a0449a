import os from 'node:os';

export type Interfaces = () => NodeJS.Dict<os.NetworkInterfaceInfo[]>;

export interface LanInterface {
  name: string;
  address: string;
}

/** The PC's IPv4 LAN interfaces (phones and office PCs reach it by these), loopback left out. */
export function lanInterfaces(read: Interfaces = os.networkInterfaces): LanInterface[] {
  return Object.entries(read()).flatMap(([name, list]) =>
    (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => ({ name, address: a.address })),
  );
}

/** What the server certificate must name: every address it may be opened at, and the PC's names. */
export function certificateNames(addresses: string[], hostNames: string[] = []): string[] {
  const host = os.hostname().toLowerCase();
  return [...new Set([...addresses, '127.0.0.1', 'localhost', host, `${host}.local`, ...hostNames.map((n) => n.toLowerCase())])];
}
