/**
 * Leaflet puts a string tooltip or label into the page as HTML. Names come from users
 * and imported files (a checkpoint named `<meta http-equiv=refresh …>` would navigate
 * the page), so every tooltip gets a function that builds a text node instead.
 */
export function asText(text: () => string): () => HTMLElement {
  return () => {
    const span = document.createElement('span');
    span.textContent = text();
    return span;
  };
}
