/**
 * Secrets in XML elements: `<Password>…</Password>`, `<ns:SessionToken>…</ns:SessionToken>`, as
 * SOAP faults and XML error bodies quoted into a message carry them. An element whose name (its
 * local part, without the prefix) the key judge calls secret loses its content, to its closing
 * tag; unclosed, to the next tag or the end of its line.
 */
import { REDACTED } from './marks.js';

/** A start tag (not self-closing) with its name, a prefix allowed, and bounded attributes. */
const START_TAG = /<([A-Za-z_][\w.:-]{0,127})(?=[\s>])[^<>]{0,1024}(?<!\/)>/g;

/** Where the content of an unclosed element ends: the next tag, or the end of its line. */
const unclosedEnd = (text: string, at: number): number => {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 || c === 10 || c === 13) return i;
  }
  return text.length;
};

/**
 * Redacts the content of every element `isSecret` names. Linear: each closing tag is looked for
 * once per name beyond its last occurrence, and the scan resumes after what it redacted.
 * @param text - The text.
 * @param isSecret - The judge of key names.
 * @returns The text with those contents replaced by `[REDACTED]`.
 */
export const redactXmlElements = (text: string, isSecret: (key: string) => boolean): string => {
  if (!text.includes('<')) return text;
  let out = '';
  let copied = 0;
  // Where each closing tag last occurs: past it, a start tag is unclosed without a search.
  const lastClose = new Map<string, number>();
  START_TAG.lastIndex = 0;
  for (let tag = START_TAG.exec(text); tag !== null; tag = START_TAG.exec(text)) {
    const name = tag[1] ?? '';
    if (!isSecret(name.slice(name.lastIndexOf(':') + 1))) continue;
    const start = START_TAG.lastIndex;
    const closing = `</${name}>`;
    let last = lastClose.get(name);
    if (last === undefined) {
      last = text.lastIndexOf(closing);
      lastClose.set(name, last);
    }
    const close = last >= start ? text.indexOf(closing, start) : -1;
    const end = close >= 0 ? close : unclosedEnd(text, start);
    if (end === start) continue;
    out += `${text.slice(copied, start)}${REDACTED}`;
    copied = end;
    START_TAG.lastIndex = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
};

/** Every expression of the rule, for the ReDoS check. */
export const XML_PATTERNS: readonly RegExp[] = [START_TAG];
