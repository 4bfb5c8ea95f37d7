/**
 * Prints expressions in canonical form: lowercase keywords, single spaces around
 * operators, canonical string escapes, plural units after numbers other than 1, and
 * parentheses only where precedence needs them.
 */
import * as ast from './ast';

/** Binding strength, loosest first; a child printed inside a tighter parent gets parentheses. */
const enum Level {
  Or = 1,
  And = 2,
  Not = 3,
  Comparison = 4,
  Additive = 5,
  Multiplicative = 6,
  Unary = 7,
  Primary = 8,
}

function level(expression: ast.Expression): Level {
  switch (expression.kind) {
    case 'logical':
      return expression.operator === 'or' ? Level.Or : Level.And;
    case 'not':
      return Level.Not;
    case 'compare':
    case 'in':
    case 'between':
    case 'presence':
      return Level.Comparison;
    case 'arithmetic':
      return expression.rest[0]?.operator === '*' || expression.rest[0]?.operator === '/' ? Level.Multiplicative : Level.Additive;
    case 'negate':
      return Level.Unary;
    default:
      return Level.Primary;
  }
}

/** Writes a string literal with the escapes the lexer reads back. */
export function quote(value: string): string {
  let result = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') result += '\\"';
    else if (char === '\\') result += '\\\\';
    else if (char === '\n') result += '\\n';
    else if (char === '\t') result += '\\t';
    else if (char === '\r') result += '\\r';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) result += `\\u{${code.toString(16)}}`;
    else result += char;
  }
  return `${result}"`;
}

export function unitText(amount: number, unit: ast.DurationUnit): string {
  return amount === 1 ? unit : `${unit}s`;
}

export function durationText(duration: ast.Duration, amountText: string = String(duration.amount)): string {
  return `${amountText} ${unitText(duration.amount, duration.unit)}`;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class ExpressionPrinter {
  print(expression: ast.Expression): string {
    switch (expression.kind) {
      case 'number':
        return expression.text;
      case 'percent':
        return `${expression.text}%`;
      case 'duration':
        return durationText(expression.duration, expression.text);
      case 'string':
        return quote(expression.value);
      case 'boolean':
        return expression.value ? 'true' : 'false';
      case 'date':
        return expression.text;
      case 'now':
        return 'now';
      case 'name':
        return expression.name;
      case 'member': {
        const object = this.child(expression.object, Level.Primary);
        const property = expression.quoted || !NAME.test(expression.property) ? quote(expression.property) : expression.property;
        return `${object}.${property}`;
      }
      case 'call': {
        const args = expression.args.map((argument) => {
          const value = this.print(argument.value);
          return argument.window ? `${value} in last ${durationText(argument.window.duration)}` : value;
        });
        return `${expression.callee}(${args.join(', ')})`;
      }
      case 'list':
        return `[${expression.items.map((item) => this.print(item)).join(', ')}]`;
      case 'logical':
        return expression.operands
          .map((operand) => this.child(operand, expression.operator === 'or' ? Level.And : Level.Not))
          .join(` ${expression.operator} `);
      case 'not':
        return `not ${this.child(expression.operand, Level.Not)}`;
      case 'negate':
        return `-${this.child(expression.operand, Level.Unary)}`;
      case 'arithmetic':
        return this.arithmetic(expression);
      case 'compare': {
        let operator: string = expression.operator;
        if (expression.writtenAsIs) {
          operator = expression.operator === '!=' ? 'is not' : 'is';
        }
        return `${this.child(expression.left, Level.Additive)} ${operator} ${this.child(expression.right, Level.Additive)}`;
      }
      case 'in':
        return `${this.child(expression.value, Level.Additive)} ${expression.negated ? 'not in' : 'in'} ${this.print(expression.list)}`;
      case 'between':
        return `${this.child(expression.value, Level.Additive)} ${expression.negated ? 'not between' : 'between'} ${this.child(expression.low, Level.Additive)} and ${this.child(expression.high, Level.Additive)}`;
      case 'presence':
        return `${this.child(expression.value, Level.Additive)} ${expression.form}`;
      case 'error':
        return '?';
    }
  }

  /** Prints `expression` where at least `minimum` binding strength is needed, adding parentheses otherwise. */
  private child(expression: ast.Expression, minimum: Level): string {
    const text = this.print(expression);
    return level(expression) < minimum ? `(${text})` : text;
  }

  private arithmetic(expression: ast.ArithmeticExpression): string {
    const own = level(expression);
    let text = this.child(expression.first, own);
    for (const step of expression.rest) {
      // Operators of one level apply left to right, so a right operand of the same
      // level needs parentheses: a - (b - c).
      text += ` ${step.operator} ${this.child(step.operand, own + 1)}`;
    }
    return text;
  }
}
