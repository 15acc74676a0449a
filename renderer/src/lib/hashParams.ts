/** The query part of the address (#/residents?tab=daily → tab=daily), for links that open a page on a tab. */
export const hashParams = () => new URLSearchParams(window.location.hash.split('?')[1] ?? '');
