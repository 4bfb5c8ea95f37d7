/**
 * The text of one rules file with a line index, so spans (offsets) turn into 1-based
 * lines and columns. Lines end at \n, \r\n or \r, as the lexer counts them, and columns
 * count UTF-16 code units, as most editors' language servers do.
 */
import { Span } from './ast';

export interface Position {
  line: number;
  column: number;
}

const BYTE_ORDER_MARK = '\ufeff';

export class SourceFile {
  /** The text without a leading byte order mark; every span indexes into it. */
  readonly text: string;
  readonly hadByteOrderMark: boolean;
  private readonly lineStarts: number[];

  constructor(
    readonly path: string,
    rawText: string,
  ) {
    this.hadByteOrderMark = rawText.startsWith(BYTE_ORDER_MARK);
    this.text = this.hadByteOrderMark ? rawText.slice(1) : rawText;
    this.lineStarts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === 13) {
        if (text.charCodeAt(i + 1) === 10) {
          i++;
        }
        this.lineStarts.push(i + 1);
      } else if (code === 10) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Line and column of an offset; offsets outside the text are clamped to it. */
  position(offset: number): Position {
    const clamped = Math.min(Math.max(Number.isFinite(offset) ? offset : this.text.length, 0), this.text.length);
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle] <= clamped) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return { line: low + 1, column: clamped - this.lineStarts[low] + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1];
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.lineStarts.length ? this.lineStarts[line] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }

  /** The written text of a span. */
  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}
