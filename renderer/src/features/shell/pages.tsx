import type { ReactNode } from 'react';
import { lazyPage } from '../../lib/lazyPage';
import { OverviewPage } from '../overview/OverviewPage';

// Sections load on first visit, so the first screen needs only the shell and 总览.
const LAZY = {
  map: lazyPage(() => import('../map/MapPage').then((m) => m.MapPage)),
  excel: lazyPage(() => import('../excel/ExcelPage').then((m) => m.ExcelPage)),
  places: lazyPage(() => import('../places/PlacesPage').then((m) => m.PlacesPage)),
  settings: lazyPage(() => import('../settings/SettingsPage').then((m) => m.SettingsPage)),
  supplies: lazyPage(() => import('../supplies/SuppliesPage').then((m) => m.SuppliesPage)),
  volunteers: lazyPage(() => import('../volunteers/VolunteersPage').then((m) => m.VolunteersPage)),
  residents: lazyPage(() => import('../residents/ResidentsPage').then((m) => m.ResidentsPage)),
  briefing: lazyPage(() => import('../briefing/BriefingPage').then((m) => m.BriefingPage)),
  inspections: lazyPage(() => import('../inspections/InspectionsPage').then((m) => m.InspectionsPage)),
  print: lazyPage<{ path: string }>(() => import('../print/PrintPage').then((m) => m.PrintPage)),
};

/** Starts loading the code of the page named by the address, alongside the sign-in check. */
export function preloadPage(hash: string): void {
  const key = hash.replace(/^#\/?/, '').split(/[/?]/)[0] as keyof typeof LAZY;
  LAZY[key]?.preload().catch(() => undefined);
}

/** Printable documents (#/print/<kind>/<id>), shown without the app shell. */
export const PrintRoute = ({ path }: { path: string }) => <LAZY.print.Page path={path} />;

export const PAGES: Record<string, () => ReactNode> = {
  overview: () => <OverviewPage />,
  places: () => <LAZY.places.Page />,
  settings: () => <LAZY.settings.Page />,
  excel: () => <LAZY.excel.Page />,
  map: () => <LAZY.map.Page />,
  supplies: () => <LAZY.supplies.Page />,
  volunteers: () => <LAZY.volunteers.Page />,
  residents: () => <LAZY.residents.Page />,
  briefing: () => <LAZY.briefing.Page />,
  inspections: () => <LAZY.inspections.Page />,
};
