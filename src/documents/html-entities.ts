// Character references that survive in marked's tokens, decoded by the `entities` package (the
// one sanitize-html uses), so every name HTML defines is known, with the HTML rules for numbers.
// Strict mode: a reference counts only with its closing semicolon, so text such as "&copy2024" or
// "Smith&Sons" in a CV stays as written.
import { decodeHTMLStrict } from 'entities';

export function decodeEntities(text: string): string {
  return decodeHTMLStrict(text);
}
