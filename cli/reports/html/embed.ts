/**
 * Putting data and code inside one HTML file safely. JSON goes into a `<script type="application/json">`
 * with every `<`, `>` and `&` written as a JSON escape, so no `</script>` or `<!--` in a state's
 * strings can end the element early; U+2028 and U+2029 are escaped too, so the text stays valid
 * wherever a script might read it. Code is inlined only if it cannot end its element.
 */
import { InputError } from '../../../lib/index.js';

const UNSAFE = /[<>&\u2028\u2029]/g;

/** `value` as JSON text that is safe between `<script type="application/json">` and `</script>`. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `code` for a `<script>` element; refuses code that would end the element or open an HTML comment in it. */
export function inlineScript(code: string, what: string): string {
  if (/<\/script|<!--/i.test(code)) throw new InputError(`${what} cannot be inlined into an HTML page: it contains "</script" or "<!--"`);
  return code;
}

