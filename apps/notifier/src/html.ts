/**
 * Messages are Telegram HTML (`parse_mode: "HTML"`): the only markup Telegram and a console can both
 * show sensibly. Invariant kept by every template: a tag never spans a line break, so a message can
 * be cut at any line boundary and stay well-formed.
 */

/** Escapes text for Telegram HTML: `&`, `<`, `>` (and `"`, for attribute values). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Shortens free text before escaping, so a huge alert cannot overflow a message. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** Escaped and clipped: the form every interpolated value takes. */
export function h(value: unknown, max = 300): string {
  return escapeHtml(clip(String(value ?? ''), max));
}

/** What the reader sees: tags removed, the entities Telegram knows decoded (for the console sink). */
export function htmlToPlain(html: string): string {
  return html.replace(/<[^>]*>/g, '').replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|amp);/gi, (_, ref: string) => {
    const r = ref.toLowerCase();
    if (r === 'lt') return '<';
    if (r === 'gt') return '>';
    if (r === 'quot') return '"';
    if (r === 'amp') return '&';
    return String.fromCodePoint(r.startsWith('#x') ? Number.parseInt(r.slice(2), 16) : Number(r.slice(1)));
  });
}

/** Length as Telegram counts it for its 4096 limit: the text after markup is parsed. */
export function plainLength(html: string): number {
  return htmlToPlain(html).length;
}

/** Cuts a message at a line boundary so its parsed text fits `max` characters (Telegram allows 4096). */
export function truncateLines(html: string, max: number): string {
  if (plainLength(html) <= max) return html;
  const note = '\n… (cut: message too long)';
  let out = '';
  let length = 0;
  for (const line of html.split('\n')) {
    const added = (out === '' ? 0 : 1) + plainLength(line);
    if (length + added + note.length > max) break;
    out = out === '' ? line : `${out}\n${line}`;
    length += added;
  }
  // A single line over the limit is dropped whole rather than cut inside a tag or an entity.
  return `${out}${note}`;
}
