/**
 * Telegram's `parse_mode: "HTML"` rules, as documented for the Bot API ("HTML style"): only the tags
 * below are supported, they must nest properly, and every `<`, `>` and `&` that is not part of a tag
 * or an entity must be escaped. Only `&lt;`, `&gt;`, `&amp;`, `&quot;` and numeric entities exist.
 *
 * This checker is a little stricter than Telegram about a bare `&` (Telegram sometimes lets one
 * through); a message that passes here also passes there, which is what a test wants to know.
 */

const SUPPORTED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);

const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export interface HtmlCheck {
  readonly ok: boolean;
  /** Telegram's wording, e.g. `Bad Request: can't parse entities: Unsupported start tag "x" at byte offset 3`. */
  readonly error?: string;
  /** The text as the user sees it: tags removed, entities decoded. */
  readonly plain: string;
}

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

function fail(text: string, index: number, what: string): HtmlCheck {
  return {
    ok: false,
    error: `Bad Request: can't parse entities: ${what} at byte offset ${byteOffset(text, index)}`,
    plain: '',
  };
}

/** Validates `text` as Telegram HTML and renders its plain form. */
export function checkTelegramHtml(text: string): HtmlCheck {
  const open: { name: string; at: number }[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '<') {
      const end = text.indexOf('>', i);
      if (end < 0) return fail(text, i, 'Unclosed start tag');
      const raw = text.slice(i + 1, end);
      const closing = raw.startsWith('/');
      const name = (closing ? raw.slice(1) : raw).trim().split(/\s+/)[0]?.toLowerCase() ?? '';
      if (!/^[a-z][a-z0-9-]*$/.test(name)) {
        return fail(text, i, closing ? 'Unexpected end tag' : `Unsupported start tag "${name}"`);
      }
      if (!SUPPORTED_TAGS.has(name)) {
        return fail(text, i, `Unsupported ${closing ? 'end' : 'start'} tag "${name}"`);
      }
      if (closing) {
        const top = open.pop();
        if (top === undefined || top.name !== name) return fail(text, i, `Unmatched end tag "${name}"`);
      } else {
        open.push({ name, at: i });
      }
      i = end + 1;
      continue;
    }
    if (ch === '>') return fail(text, i, 'Unexpected end of name token');
    if (ch === '&') {
      const m = /^&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/i.exec(text.slice(i, i + 12));
      if (!m) return fail(text, i, 'Character entity expected');
      const ref = m[1]!;
      let decoded: string | undefined;
      if (ref.startsWith('#x') || ref.startsWith('#X'))
        decoded = String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
      else if (ref.startsWith('#')) decoded = String.fromCodePoint(Number.parseInt(ref.slice(1), 10));
      else decoded = NAMED_ENTITIES[ref.toLowerCase()];
      if (decoded === undefined) return fail(text, i, `Unsupported HTML entity "&${ref};"`);
      plain += decoded;
      i += m[0].length;
      continue;
    }
    plain += ch;
    i += 1;
  }
  const unclosed = open.pop();
  if (unclosed)
    return fail(text, unclosed.at, `Can't find end tag corresponding to start tag "${unclosed.name}"`);
  return { ok: true, plain };
}
