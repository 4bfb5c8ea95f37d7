/**
 * `rulecast fmt`: rewrites a rules file in the canonical layout. Declarations are
 * separated by one blank line. Campaign clauses sit two spaces in, in a fixed order
 * (schedule, audience, offer, send, variants, holdout, cap, quiet hours, priority,
 * starts, ends, missed runs). A condition longer than the line width, or with comments
 * inside, breaks before each top-level `and`/`or`. Comments stay with the line they
 * were written on, or above the line that follows them. Formatting twice gives the
 * same text.
 *
 * Files with syntax errors are not formatted, because the text they would lose is
 * exactly the part the parser could not read.
 */
import * as ast from './ast';
import { Diagnostic } from './diagnostic';
import { durationText, ExpressionPrinter, quote, unitText } from './expression-printer';
import { parseRulesFile } from './rules-reader';

export const FORMAT_LINE_WIDTH = 100;

const CLAUSE_ORDER: readonly ast.ClauseKind[] = [
  'schedule',
  'audience',
  'offer',
  'send',
  'variants',
  'holdout',
  'cap',
  'quiet-hours',
  'priority',
  'starts',
  'ends',
  'missed-runs',
];

/**
 * The end of a line followed by an empty line; sticky, so it only matches where it is
 * placed. `\r(?!\n)` keeps a CRLF from counting as two line ends.
 */
const BLANK_LINE_AFTER = /[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r\n|\r(?!\n)|\n)/y;

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export type FormatResult = { ok: true; text: string; changed: boolean } | { ok: false; diagnostics: Diagnostic[] };

/** A comment on its own line; a blank line after it in the source is kept. */
interface LeadingComment {
  text: string;
  blankAfter: boolean;
}

/** One output line; `anchor` is the source text it came from, for placing comments. */
interface Line {
  indent: number;
  text: string;
  anchor: ast.Span | null;
  leading: LeadingComment[];
  trailing: string | null;
  /** A blank line goes before this one (between declarations). */
  blankBefore: boolean;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function timeText(time: ast.TimeOfDay): string {
  return `${pad(time.hour)}:${pad(time.minute)}`;
}

function capText(limit: ast.CapLimit): string {
  const per = limit.per.amount === 1 ? unitText(1, limit.per.unit) : durationText(limit.per);
  return `${limit.countText} per ${per}`;
}

function periodText(period: ast.SchedulePeriod): string {
  switch (period.kind) {
    case 'days':
      return period.days.map((entry) => DAY_NAMES[entry.day] ?? 'monday').join(', ');
    case 'interval':
      return durationText({ amount: period.amount, unit: period.unit, span: { start: 0, end: 0 } });
    case 'month-day':
      return `month on day ${period.day}`;
    default:
      return period.kind;
  }
}

/** Returns the line whose anchor start passes `accept` and is best by `better`. */
function closestBy(
  lines: readonly Line[],
  accept: (start: number) => boolean,
  better: (a: number, b: number) => boolean,
): Line | undefined {
  let best: Line | undefined;
  for (const line of lines) {
    const start = line.anchor?.start;
    if (start === undefined || !accept(start)) {
      continue;
    }
    if (best === undefined || better(start, best.anchor?.start ?? start)) {
      best = line;
    }
  }
  return best;
}

export class RulesFormatter {
  private readonly printer = new ExpressionPrinter();
  private readonly lines: Line[] = [];

  constructor(
    private readonly text: string,
    private readonly file: ast.RulesFileAst,
  ) {}

  format(): string {
    this.file.declarations.forEach((declaration, index) => this.declaration(declaration, index > 0));
    const closing = this.attachComments();
    return this.render(closing);
  }

  private add(indent: number, text: string, anchor: ast.Span | null, blankBefore = false): void {
    this.lines.push({ indent, text, anchor, leading: [], trailing: null, blankBefore });
  }

  private hasCommentInside(span: ast.Span): boolean {
    return this.file.comments.some((comment) => comment.span.start > span.start && comment.span.start < span.end);
  }

  private declaration(declaration: ast.Declaration, blankBefore: boolean): void {
    switch (declaration.kind) {
      case 'segment':
        this.condition(0, `segment ${declaration.name} =`, declaration.condition, declaration.span, blankBefore);
        return;
      case 'global-cap':
        this.add(0, `global cap ${capText(declaration.limit)}`, declaration.span, blankBefore);
        return;
      case 'campaign':
        this.add(0, `campaign ${quote(declaration.name)} {`, { start: declaration.span.start, end: declaration.nameSpan.end }, blankBefore);
        for (const kind of CLAUSE_ORDER) {
          for (const clause of declaration.clauses) {
            if (clause.kind === kind) {
              this.clause(clause);
            }
          }
        }
        this.add(0, '}', declaration.closeSpan ?? { start: declaration.span.end, end: declaration.span.end });
        return;
    }
  }

  /** Adds a condition after `prefix`, broken before each top-level `and`/`or` when long or commented. */
  private condition(indent: number, prefix: string, condition: ast.Expression, anchor: ast.Span, blankBefore = false): void {
    const single = `${prefix} ${this.printer.print(condition)}`;
    const fits = indent * 2 + single.length <= FORMAT_LINE_WIDTH;
    if (condition.kind !== 'logical' || (fits && !this.hasCommentInside(anchor))) {
      this.add(indent, single, anchor, blankBefore);
      return;
    }
    const [first, ...rest] = condition.operands;
    const operandText = (operand: ast.Expression): string => {
      const text = this.printer.print(operand);
      const needsParentheses = operand.kind === 'logical';
      return needsParentheses ? `(${text})` : text;
    };
    this.add(indent, `${prefix} ${operandText(first)}`, { start: anchor.start, end: first.span.end }, blankBefore);
    for (const operand of rest) {
      this.add(indent + 1, `${condition.operator} ${operandText(operand)}`, operand.span);
    }
  }

  private clause(clause: ast.Clause): void {
    switch (clause.kind) {
      case 'schedule':
        this.add(1, `schedule ${this.schedule(clause.form)}${this.zone(clause.zone)}`, clause.span);
        return;
      case 'audience':
        this.condition(1, 'audience', clause.condition, clause.span);
        return;
      case 'offer':
        this.offer(clause.offer, clause.span);
        return;
      case 'send':
        this.add(1, `send ${clause.channel} ${quote(clause.template)}`, clause.span);
        return;
      case 'variants': {
        const variants = clause.variants.map((variant) => {
          const name = variant.quotedName ? quote(variant.name) : variant.name;
          const template = variant.template === null ? '' : ` ${quote(variant.template)}`;
          return `${name} ${variant.weightText}%${template}`;
        });
        this.add(1, `variants ${variants.join(', ')}`, clause.span);
        return;
      }
      case 'holdout':
        this.add(1, `holdout ${clause.percentText}%`, clause.span);
        return;
      case 'cap':
        this.add(1, `cap ${capText(clause.limit)}`, clause.span);
        return;
      case 'quiet-hours':
        this.add(1, `quiet hours ${timeText(clause.from)} to ${timeText(clause.to)}`, clause.span);
        return;
      case 'priority':
        this.add(1, `priority ${clause.priorityText}`, clause.span);
        return;
      case 'starts':
        this.add(1, `starts ${clause.date.text}`, clause.span);
        return;
      case 'ends':
        this.add(1, `ends ${clause.date.text}`, clause.span);
        return;
      case 'missed-runs':
        this.add(1, `missed runs ${clause.policy === 'skip' ? 'skip' : 'catch up once'}`, clause.span);
        return;
    }
  }

  private schedule(form: ast.ScheduleForm): string {
    if (form.kind === 'cron') {
      return `cron ${form.expressions.map((expression) => quote(expression.text)).join(', ')}`;
    }
    const times = form.times.length > 0 ? ` at ${form.times.map(timeText).join(', ')}` : '';
    return `every ${periodText(form.period)}${times}`;
  }

  private zone(zone: ast.ScheduleZone): string {
    if (zone.kind === 'customer') {
      return ' customer time';
    }
    return zone.kind === 'named' ? ` in ${quote(zone.name)}` : '';
  }

  private offer(offer: ast.OfferSpec, span: ast.Span): void {
    if (offer.kind === 'items') {
      this.add(1, `offer items ${offer.items.map((item) => quote(item.id)).join(', ')}`, span);
      return;
    }
    const head = `offer top ${offer.count} from ${this.printer.print(offer.source)}`;
    if (offer.filter === null) {
      this.add(1, head, span);
      return;
    }
    this.condition(1, `${head} where`, offer.filter, span);
  }

  /**
   * Gives each comment a line: trailing for the line its code shares a source line
   * with, else leading for the next line. Returns the comments after the last line.
   */
  private attachComments(): LeadingComment[] {
    const closing: LeadingComment[] = [];
    const anchored = this.lines.filter((line) => line.anchor !== null);
    for (const comment of this.file.comments) {
      const text = `#${comment.text.trimEnd()}`;
      BLANK_LINE_AFTER.lastIndex = comment.span.end;
      const entry: LeadingComment = { text, blankAfter: BLANK_LINE_AFTER.test(this.text) };
      const lineStart = this.text.lastIndexOf('\n', comment.span.start - 1) + 1;
      const codeBefore = this.text.slice(lineStart, comment.span.start).trim().length > 0;

      // Clauses are reordered, so lines are searched by source position, not output order.
      let owner: Line | undefined;
      if (codeBefore) {
        owner = closestBy(anchored, (start) => start < comment.span.start, (a, b) => a > b);
      }
      if (owner !== undefined) {
        if (owner.trailing === null) {
          owner.trailing = text;
          continue;
        }
        const index = this.lines.indexOf(owner);
        const next = this.lines[index + 1];
        if (next !== undefined) {
          next.leading.push({ text, blankAfter: false });
          continue;
        }
        closing.push({ text, blankAfter: false });
        continue;
      }
      const next = closestBy(anchored, (start) => start > comment.span.start, (a, b) => a < b);
      if (next !== undefined) {
        next.leading.push(entry);
      } else {
        closing.push(entry);
      }
    }
    return closing;
  }

  private render(closing: LeadingComment[]): string {
    const output: string[] = [];
    for (const line of this.lines) {
      if (line.blankBefore) {
        output.push('');
      }
      // A closing brace's comments belong inside the block, one level in.
      const commentIndent = line.text === '}' && line.indent === 0 ? 1 : line.indent;
      for (const comment of line.leading) {
        output.push(`${'  '.repeat(commentIndent)}${comment.text}`);
        if (comment.blankAfter) {
          output.push('');
        }
      }
      const code = `${'  '.repeat(line.indent)}${line.text}`;
      output.push(line.trailing === null ? code : `${code}  ${line.trailing}`);
    }
    if (closing.length > 0 && output.length > 0) {
      output.push('');
    }
    for (const comment of closing) {
      output.push(comment.text);
    }
    return output.length === 0 ? '' : `${output.join('\n')}\n`;
  }
}

/** Formats rules text; refuses (with the diagnostics) when the file has syntax errors. */
export function formatRulesText(path: string, text: string): FormatResult {
  const parsed = parseRulesFile(path, text);
  if (parsed.diagnostics.hasErrors) {
    return { ok: false, diagnostics: parsed.diagnostics.list() };
  }
  const formatted = new RulesFormatter(parsed.source.text, parsed.ast).format();
  return { ok: true, text: formatted, changed: formatted !== text };
}
