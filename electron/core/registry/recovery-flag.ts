/**
 * Which cores are recovery cores still waiting for a restore (for the transports' start-up
 * notice). Its own module so the desktop's main process, which only talks to a core in a
 * worker, does not load the core (and its native SQLite) to ask.
 */
const RECOVERING = new WeakMap<object, () => boolean>();

/** True while core is the recovery core and no backup has been restored yet. */
export const inRecovery = (core: object): boolean => RECOVERING.get(core)?.() ?? false;

/** How to tell whether `core` (a recovery core, or one running elsewhere) is recovering. */
export const trackRecovery = (core: object, recovering: () => boolean): void => void RECOVERING.set(core, recovering);
