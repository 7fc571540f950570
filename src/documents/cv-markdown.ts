// The improved CV arrives as markdown from an AI model. The PDF and DOCX writers do not render HTML
// (a second parser, and one more way for a model's output to smuggle in a fetch); they read this
// small block model, built from marked's tokens, in which the only things that exist are text,
// its emphasis, and links to http, https or mailto addresses.

import { Lexer, type Token, type Tokens } from 'marked';
import { decodeEntities } from './html-entities.ts';

export interface Run {
  text: string;
  bold?: true;
  italic?: true;
  code?: true;
  strike?: true;
  /** Only absolute http(s) and mailto targets; any other link is plain text. */
  href?: string;
}

export type HeadingLevel = 1 | 2 | 3 | 4 | 5 | 6;

export interface ListItem {
  blocks: Block[];
  /** Task-list items only. */
  checked?: boolean;
}

export type Block =
  | { kind: 'heading'; level: HeadingLevel; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'list'; ordered: boolean; start: number; items: ListItem[] }
  | { kind: 'quote'; blocks: Block[] }
  | { kind: 'code'; text: string }
  | { kind: 'rule' }
  | { kind: 'table'; header: Run[][]; rows: Run[][][] };

const SAFE_HREF = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

type Style = Omit<Run, 'text'>;

export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  return SAFE_HREF.test(trimmed) ? trimmed : undefined;
}

/** Text of inline HTML a model may emit (`<br>`, `<b>`): tags go, line breaks stay. */
function htmlText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''));
}

function inlineRuns(tokens: readonly Token[] | undefined, style: Style = {}): Run[] {
  const runs: Run[] = [];
  const push = (text: string, extra: Style = {}) => {
    if (text !== '') runs.push({ ...style, ...extra, text });
  };
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        runs.push(...inlineRuns(token.tokens, { ...style, bold: true }));
        break;
      case 'em':
        runs.push(...inlineRuns(token.tokens, { ...style, italic: true }));
        break;
      case 'del':
        runs.push(...inlineRuns(token.tokens, { ...style, strike: true }));
        break;
      case 'codespan':
        push(decodeEntities(token.text), { code: true });
        break;
      case 'link': {
        const href = safeHref(token.href);
        runs.push(...inlineRuns(token.tokens, href === undefined ? style : { ...style, href }));
        break;
      }
      case 'br':
        push('\n');
        break;
      case 'escape':
        push(token.text);
        break;
      case 'html':
        push(htmlText(token.text));
        break;
      case 'image':
        // Pictures are never fetched, and a CV loses nothing by leaving out their description.
        break;
      case 'text':
        if ('tokens' in token && token.tokens) runs.push(...inlineRuns(token.tokens, style));
        else push(decodeEntities(token.text));
        break;
      default:
        if ('text' in token && typeof token.text === 'string') push(decodeEntities(token.text));
    }
  }
  return runs;
}

function blocksOf(tokens: readonly Token[]): Block[] {
  const blocks: Block[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        blocks.push({
          kind: 'heading',
          level: Math.min(Math.max(token.depth, 1), 6) as HeadingLevel,
          runs: inlineRuns(token.tokens),
        });
        break;
      case 'paragraph':
      case 'text': {
        const runs =
          'tokens' in token && token.tokens
            ? inlineRuns(token.tokens)
            : [{ text: decodeEntities(token.text) }];
        if (runs.some((run) => run.text.trim() !== '')) blocks.push({ kind: 'paragraph', runs });
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        const items = list.items.map((item) => {
          const listItem: ListItem = { blocks: blocksOf(item.tokens.filter((t) => t.type !== 'checkbox')) };
          if (item.task) listItem.checked = item.checked === true;
          return listItem;
        });
        blocks.push({ kind: 'list', ordered: list.ordered, start, items });
        break;
      }
      case 'blockquote':
        blocks.push({ kind: 'quote', blocks: blocksOf(token.tokens ?? []) });
        break;
      case 'code':
        blocks.push({ kind: 'code', text: token.text });
        break;
      case 'hr':
        blocks.push({ kind: 'rule' });
        break;
      case 'table': {
        const table = token as Tokens.Table;
        blocks.push({
          kind: 'table',
          header: table.header.map((cell) => inlineRuns(cell.tokens)),
          rows: table.rows.map((row) => row.map((cell) => inlineRuns(cell.tokens))),
        });
        break;
      }
      case 'html': {
        const text = htmlText(token.text).trim();
        if (text !== '') blocks.push({ kind: 'paragraph', runs: [{ text }] });
        break;
      }
      default:
        // space, def and extension tokens carry nothing to print.
        break;
    }
  }
  return blocks;
}

/** Parses markdown into the block model. Never throws on odd input: unknown parts are dropped. */
export function parseCvMarkdown(markdown: string): Block[] {
  return blocksOf(new Lexer({ gfm: true }).lex(markdown));
}

/** Plain text of runs, e.g. for a document title. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((run) => run.text).join('');
}
