/** Text for an HTML text node or a quoted attribute value: every markup character escaped. */
const MARKUP = /[&<>"']/;

export function esc(value: unknown): string {
  const s = String(value);
  // Most texts (numbers, dates, names) have nothing to escape: returned as they are.
  if (!MARKUP.test(s)) return s;
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * JSON for embedding inside `<script type="application/json">`: `<`, `>` and `&` become unicode
 * escapes, so no value (not even `</script>`) can end the element early; the line separators that
 * JavaScript does not accept raw are escaped too.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
