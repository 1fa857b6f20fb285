// A small streaming XML scanner for the parts of an office file: tags and text as they flow, no tree, no DTD.
import type { Readable } from 'node:stream';
import { AppError } from '../http/errors.ts';

export interface XmlHandler {
  /** An opening (or self-closing) tag: its local name (prefix dropped) and its raw attribute text. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Text between tags, entities not yet decoded (see `decodeXml`); CDATA comes decoded. */
  text(raw: string, cdata: boolean): void;
}

const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
};

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML entities (the five named ones and character references) and OOXML's `_xHHHH_` escapes. */
export function decodeXml(raw: string): string {
  let s = raw;
  if (s.includes('&')) {
    s = s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : named[e]!,
    );
  }
  if (s.includes('_x'))
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return s;
}

/** The value of one attribute in a tag's raw attribute text, by local name (`r:id` matches `id`), decoded. */
const attrPatterns = new Map<string, RegExp>();
export function attr(attrs: string, name: string): string | undefined {
  if (!attrs) return undefined;
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return undefined;
  const v = m[1] ?? m[2] ?? '';
  return v.includes('&') ? decodeXml(v) : v;
}

const unreadable = () => new AppError('UNSUPPORTED_MEDIA_TYPE', '无法读取该表格文件：XML 格式错误');

/** Where a tag that starts at `lt` ends (the index of its '>'), quotes respected; -1 when not in `s` yet. */
function tagEnd(s: string, lt: number): number {
  let quote = '';
  for (let i = lt + 1; i < s.length; i++) {
    const ch = s[i]!;
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return i;
  }
  return -1;
}

/**
 * A scanner fed chunk by chunk (UTF-8). Sizes are bounded by the caller's stream (spreadsheet.ts's guard refuses
 * any run longer than 256 KiB), so the carried remainder stays small. A DOCTYPE is refused: no entity expansion.
 */
export function xmlScanner(h: XmlHandler): { write(chunk: Buffer): void; end(): void } {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  const eat = (s: string) => {
    let i = 0;
    for (;;) {
      const lt = s.indexOf('<', i);
      if (lt < 0) {
        if (i < s.length) h.text(s.slice(i), false);
        return '';
      }
      if (lt > i) h.text(s.slice(i, lt), false);
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) return s.slice(lt);
      if (next === 0x21 /* ! */) {
        if (s.startsWith('<!--', lt)) {
          const end = s.indexOf('-->', lt + 4);
          if (end < 0) return s.slice(lt);
          i = end + 3;
          continue;
        }
        if (s.startsWith('<![CDATA[', lt)) {
          const end = s.indexOf(']]>', lt + 9);
          if (end < 0) return s.slice(lt);
          h.text(s.slice(lt + 9, end), true);
          i = end + 3;
          continue;
        }
        if (s.length - lt < 9) return s.slice(lt);
        throw unreadable();
      }
      if (next === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return s.slice(lt);
        i = end + 2;
        continue;
      }
      const gt = tagEnd(s, lt);
      if (gt < 0) return s.slice(lt);
      if (next === 0x2f /* / */) {
        h.close(localName(s.slice(lt + 2, gt).trim()));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const body = s.slice(lt + 1, selfClosing ? gt - 1 : gt);
        const space = body.search(/\s/);
        const qname = space < 0 ? body : body.slice(0, space);
        const name = localName(qname);
        h.open(name, space < 0 ? '' : body.slice(space), selfClosing);
        if (selfClosing) h.close(name);
      }
      i = gt + 1;
    }
  };
  return {
    write(chunk) {
      const text = decoder.decode(chunk, { stream: true });
      carry = eat(carry ? carry + text : text);
    },
    end() {
      carry = eat(carry + decoder.decode());
      if (carry.trim()) throw unreadable();
    },
  };
}

/** Scans a whole part. */
export async function scanXml(stream: Readable, h: XmlHandler): Promise<void> {
  const scanner = xmlScanner(h);
  for await (const chunk of stream) scanner.write(chunk as Buffer);
  scanner.end();
}
