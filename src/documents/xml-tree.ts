// The XML parts of office documents (DOCX, ODT) as a small element tree with namespace-resolved
// names. Prefixes are the producer's choice, so names are rewritten to canonical ones from the
// namespace URI. The parser (saxes) expands no entity a document declares, so an entity bomb is
// refused as malformed, and the tree is bounded in depth and size.

import { SaxesParser } from 'saxes';
import { ExtractionFailure } from './extraction-failure.ts';

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlNode[];
}
export type XmlNode = XmlElement | string;

export interface XmlDialect {
  /** namespace URI → the canonical prefix names are written with */
  namespaces: Readonly<Record<string, string>>;
  /** whether text directly inside an element of this name is content; elsewhere it is layout noise */
  keepsText: (elementName: string) => boolean;
}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';
// Office producers stay far below these; a part past them is built to exhaust the reader.
const MAX_XML_DEPTH = 256;
const MAX_XML_ELEMENTS = 2_000_000;

function qualify(namespaces: XmlDialect['namespaces'], uri: string, local: string): string {
  const prefix = namespaces[uri];
  if (prefix !== undefined) return `${prefix}:${local}`;
  return uri === '' ? local : `?:${local}`;
}

function decodeXml(data: Buffer): string {
  const encoding =
    data[0] === 0xff && data[1] === 0xfe
      ? 'utf-16le'
      : data[0] === 0xfe && data[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  return new TextDecoder(encoding).decode(data);
}

/** Parses one XML part. Throws ExtractionFailure('too_large') past the limits, a plain Error when
 *  the XML is malformed. */
export function parseXml(data: Buffer, dialect: XmlDialect): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let count = 0;
  parser.on('opentag', (tag) => {
    if (stack.length > MAX_XML_DEPTH || ++count > MAX_XML_ELEMENTS) {
      throw new ExtractionFailure('too_large', 'the document XML is nested too deeply or is too large');
    }
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.uri !== XMLNS_URI) attrs[qualify(dialect.namespaces, a.uri, a.local)] = a.value;
    }
    const element: XmlElement = {
      name: qualify(dialect.namespaces, tag.uri, tag.local),
      attrs,
      children: [],
    };
    (stack[stack.length - 1] as XmlElement).children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const onText = (text: string) => {
    const top = stack[stack.length - 1] as XmlElement;
    if (dialect.keepsText(top.name)) top.children.push(text);
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.write(decodeXml(data)).close();
  const element = root.children.find(isElement);
  if (element === undefined) throw new Error('no root element');
  return element;
}

/** The part a document cannot be read without: a malformed one makes the file corrupt. */
export function parseRequiredXml(data: Buffer, partName: string, dialect: XmlDialect): XmlElement {
  try {
    return parseXml(data, dialect);
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    throw new ExtractionFailure('corrupt', `${partName} is not well-formed XML: ${(error as Error).message}`);
  }
}

/** A part that only adds detail (styles, numbering, a header): a broken one is read as absent. */
export function parseOptionalXml(data: Buffer | undefined, dialect: XmlDialect): XmlElement | undefined {
  if (data === undefined) return undefined;
  try {
    return parseXml(data, dialect);
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    return undefined;
  }
}

export const isElement = (node: XmlNode): node is XmlElement => typeof node !== 'string';

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  if (element === undefined) return undefined;
  for (const node of element.children) if (typeof node !== 'string' && node.name === name) return node;
  return undefined;
}

export function childrenNamed(element: XmlElement | undefined, name: string): XmlElement[] {
  if (element === undefined) return [];
  return element.children.filter((n): n is XmlElement => typeof n !== 'string' && n.name === name);
}

export const attr = (element: XmlElement | undefined, name: string): string | undefined =>
  element?.attrs[name];

export function textOf(element: XmlElement): string {
  let text = '';
  for (const node of element.children) if (typeof node === 'string') text += node;
  return text;
}

export function hasDescendant(element: XmlElement, names: ReadonlySet<string>): boolean {
  for (const node of element.children) {
    if (typeof node === 'string') continue;
    if (names.has(node.name) || hasDescendant(node, names)) return true;
  }
  return false;
}
