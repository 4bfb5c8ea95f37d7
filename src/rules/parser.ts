/**
 * The grammar of `.rules` files, and nothing else: no semantics, no AST. The AST
 * builder turns the concrete syntax tree into `ast.ts` nodes and the checker gives them
 * meaning. One parser instance is built at load time and reused for every file.
 *
 * Precedence from loosest to tightest: `or`, `and`, `not`, comparisons (`=`, `<`,
 * `in`, `between`, `is missing`, `exists`), `+ -`, `* /`, unary `-`, `.` member access.
 * Comparisons do not chain: `a < b < c` is a syntax error.
 */
import { CstNode, CstParser, EOF, IRecognitionException, IToken } from 'chevrotain';
import * as t from './lexer';
import { parserErrorMessages } from './parser-errors';

export class RulesParser extends CstParser {
  constructor() {
    super([...t.ALL_TOKENS], {
      recoveryEnabled: true,
      maxLookahead: 3,
      errorMessageProvider: parserErrorMessages,
      // Recovery inserts tokens without positions; node offsets skip them.
      nodeLocationTracking: 'onlyOffset',
    });
    this.performSelfAnalysis();
  }

  // The explicit EOF lets in-repetition recovery skip a broken declaration and carry
  // on with the next one, instead of stopping at the first stray token.
  readonly rulesFile = this.RULE('rulesFile', () => {
    this.MANY(() => this.SUBRULE(this.declaration));
    this.CONSUME(EOF);
  });

  readonly declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.segmentDeclaration) },
      { ALT: () => this.SUBRULE(this.campaignDeclaration) },
      { ALT: () => this.SUBRULE(this.globalCapDeclaration) },
    ]);
  });

  readonly segmentDeclaration = this.RULE('segmentDeclaration', () => {
    this.CONSUME(t.Segment);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.Equals);
    this.SUBRULE(this.expression);
  });

  readonly globalCapDeclaration = this.RULE('globalCapDeclaration', () => {
    this.CONSUME(t.Global);
    this.CONSUME(t.Cap);
    this.SUBRULE(this.capLimit);
  });

  readonly campaignDeclaration = this.RULE('campaignDeclaration', () => {
    this.CONSUME(t.Campaign);
    this.CONSUME(t.StringLiteral);
    this.CONSUME(t.LBrace);
    this.MANY(() => this.SUBRULE(this.campaignClause));
    this.CONSUME(t.RBrace);
  });

  readonly campaignClause = this.RULE('campaignClause', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.scheduleClause) },
      { ALT: () => this.SUBRULE(this.audienceClause) },
      { ALT: () => this.SUBRULE(this.offerClause) },
      { ALT: () => this.SUBRULE(this.sendClause) },
      { ALT: () => this.SUBRULE(this.variantsClause) },
      { ALT: () => this.SUBRULE(this.holdoutClause) },
      { ALT: () => this.SUBRULE(this.capClause) },
      { ALT: () => this.SUBRULE(this.quietHoursClause) },
      { ALT: () => this.SUBRULE(this.priorityClause) },
      { ALT: () => this.SUBRULE(this.startsClause) },
      { ALT: () => this.SUBRULE(this.endsClause) },
      { ALT: () => this.SUBRULE(this.missedRunsClause) },
    ]);
  });

  readonly scheduleClause = this.RULE('scheduleClause', () => {
    this.CONSUME(t.Schedule);
    this.OR([
      { ALT: () => this.SUBRULE(this.cronSchedule) },
      { ALT: () => this.SUBRULE(this.everySchedule) },
    ]);
    this.OPTION(() => this.SUBRULE(this.scheduleZone));
  });

  readonly cronSchedule = this.RULE('cronSchedule', () => {
    this.CONSUME(t.Cron);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.StringLiteral) });
  });

  readonly everySchedule = this.RULE('everySchedule', () => {
    this.CONSUME(t.Every);
    this.SUBRULE(this.schedulePeriod);
    this.OPTION(() => {
      this.CONSUME(t.At);
      this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.TimeLiteral) });
    });
  });

  readonly schedulePeriod = this.RULE('schedulePeriod', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Day) },
      { ALT: () => this.CONSUME(t.Weekday) },
      { ALT: () => this.CONSUME(t.Weekend) },
      { ALT: () => this.CONSUME(t.Hour) },
      { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.DayName) }) },
      {
        ALT: () => {
          this.CONSUME(t.NumberLiteral);
          this.SUBRULE(this.durationUnit);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Month);
          this.CONSUME(t.On);
          this.CONSUME2(t.Day);
          this.CONSUME2(t.NumberLiteral);
        },
      },
    ]);
  });

  readonly scheduleZone = this.RULE('scheduleZone', () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Customer);
          this.CONSUME(t.Time);
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.In);
          this.CONSUME(t.StringLiteral);
        },
      },
    ]);
  });

  readonly audienceClause = this.RULE('audienceClause', () => {
    this.CONSUME(t.Audience);
    this.SUBRULE(this.expression);
  });

  readonly offerClause = this.RULE('offerClause', () => {
    this.CONSUME(t.Offer);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(t.Top);
          this.CONSUME(t.NumberLiteral);
          this.CONSUME(t.From);
          this.SUBRULE(this.postfixExpression);
          this.OPTION(() => {
            this.CONSUME(t.Where);
            this.SUBRULE(this.expression);
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Items);
          this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.CONSUME(t.StringLiteral) });
        },
      },
    ]);
  });

  // `send email "winback"`: the channel is a name so that an unknown channel gets a
  // checker message instead of a syntax error.
  readonly sendClause = this.RULE('sendClause', () => {
    this.CONSUME(t.Send);
    this.CONSUME(t.Identifier);
    this.CONSUME(t.StringLiteral);
  });

  readonly variantsClause = this.RULE('variantsClause', () => {
    this.CONSUME(t.Variants);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.variant) });
  });

  readonly variant = this.RULE('variant', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.StringLiteral) }]);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Percent);
    this.OPTION(() => this.CONSUME2(t.StringLiteral));
  });

  readonly holdoutClause = this.RULE('holdoutClause', () => {
    this.CONSUME(t.Holdout);
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Percent);
  });

  readonly capClause = this.RULE('capClause', () => {
    this.CONSUME(t.Cap);
    this.SUBRULE(this.capLimit);
  });

  readonly capLimit = this.RULE('capLimit', () => {
    this.CONSUME(t.NumberLiteral);
    this.CONSUME(t.Per);
    this.OPTION(() => this.CONSUME2(t.NumberLiteral));
    this.SUBRULE(this.durationUnit);
  });

  readonly quietHoursClause = this.RULE('quietHoursClause', () => {
    this.CONSUME(t.Quiet);
    this.CONSUME(t.Hour);
    this.CONSUME(t.TimeLiteral);
    this.CONSUME(t.To);
    this.CONSUME2(t.TimeLiteral);
  });

  readonly priorityClause = this.RULE('priorityClause', () => {
    this.CONSUME(t.Priority);
    this.CONSUME(t.NumberLiteral);
  });

  readonly startsClause = this.RULE('startsClause', () => {
    this.CONSUME(t.Starts);
    this.CONSUME(t.DateLiteral);
  });

  readonly endsClause = this.RULE('endsClause', () => {
    this.CONSUME(t.Ends);
    this.CONSUME(t.DateLiteral);
  });

  readonly missedRunsClause = this.RULE('missedRunsClause', () => {
    this.CONSUME(t.Missed);
    this.CONSUME(t.Runs);
    this.OR([
      { ALT: () => this.CONSUME(t.Skip) },
      {
        ALT: () => {
          this.CONSUME(t.Catch);
          this.CONSUME(t.Up);
          this.CONSUME(t.Once);
        },
      },
    ]);
  });

  readonly durationUnit = this.RULE('durationUnit', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Minute) },
      { ALT: () => this.CONSUME(t.Hour) },
      { ALT: () => this.CONSUME(t.Day) },
      { ALT: () => this.CONSUME(t.Week) },
    ]);
  });

  readonly expression = this.RULE('expression', () => {
    this.SUBRULE(this.orExpression);
  });

  readonly orExpression = this.RULE('orExpression', () => {
    this.SUBRULE(this.andExpression);
    this.MANY(() => {
      this.CONSUME(t.Or);
      this.SUBRULE2(this.andExpression);
    });
  });

  readonly andExpression = this.RULE('andExpression', () => {
    this.SUBRULE(this.notExpression);
    this.MANY(() => {
      this.CONSUME(t.And);
      this.SUBRULE2(this.notExpression);
    });
  });

  readonly notExpression = this.RULE('notExpression', () => {
    this.MANY(() => this.CONSUME(t.Not));
    this.SUBRULE(this.comparisonExpression);
  });

  // `count(purchase in last 30 days)`: an `in` followed by `last` opens an event
  // window for the enclosing call, so it must not be read as `x in [...]`.
  readonly comparisonExpression = this.RULE('comparisonExpression', () => {
    this.SUBRULE(this.additiveExpression);
    this.OPTION({
      GATE: () => !(this.LA(1).tokenType === t.In && this.LA(2).tokenType === t.Last),
      DEF: () => this.SUBRULE(this.comparisonTail),
    });
  });

  readonly comparisonTail = this.RULE('comparisonTail', () => {
    this.OR([
      {
        ALT: () => {
          this.SUBRULE(this.comparisonOperator);
          this.SUBRULE(this.additiveExpression);
        },
      },
      {
        ALT: () => {
          this.OPTION(() => this.CONSUME(t.Not));
          this.CONSUME(t.In);
          this.SUBRULE(this.listExpression);
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => this.CONSUME2(t.Not));
          this.CONSUME(t.Between);
          this.SUBRULE2(this.additiveExpression, { LABEL: 'low' });
          this.CONSUME(t.And);
          this.SUBRULE3(this.additiveExpression, { LABEL: 'high' });
        },
      },
      {
        ALT: () => {
          this.CONSUME(t.Is);
          this.OPTION3(() => this.CONSUME3(t.Not));
          this.OR2([
            { ALT: () => this.CONSUME(t.Missing) },
            { ALT: () => this.SUBRULE4(this.additiveExpression, { LABEL: 'isValue' }) },
          ]);
        },
      },
      { ALT: () => this.CONSUME(t.Exists) },
    ]);
  });

  readonly comparisonOperator = this.RULE('comparisonOperator', () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Equals) },
      { ALT: () => this.CONSUME(t.NotEquals) },
      { ALT: () => this.CONSUME(t.Less) },
      { ALT: () => this.CONSUME(t.LessEquals) },
      { ALT: () => this.CONSUME(t.Greater) },
      { ALT: () => this.CONSUME(t.GreaterEquals) },
    ]);
  });

  readonly additiveExpression = this.RULE('additiveExpression', () => {
    this.SUBRULE(this.multiplicativeExpression);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Plus) }, { ALT: () => this.CONSUME(t.Minus) }]);
      this.SUBRULE2(this.multiplicativeExpression);
    });
  });

  readonly multiplicativeExpression = this.RULE('multiplicativeExpression', () => {
    this.SUBRULE(this.unaryExpression);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Star) }, { ALT: () => this.CONSUME(t.Slash) }]);
      this.SUBRULE2(this.unaryExpression);
    });
  });

  readonly unaryExpression = this.RULE('unaryExpression', () => {
    this.MANY(() => this.CONSUME(t.Minus));
    this.SUBRULE(this.postfixExpression);
  });

  readonly postfixExpression = this.RULE('postfixExpression', () => {
    this.SUBRULE(this.primaryExpression);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.OR([{ ALT: () => this.CONSUME(t.AnyName) }, { ALT: () => this.CONSUME(t.StringLiteral) }]);
    });
  });

  readonly primaryExpression = this.RULE('primaryExpression', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.numberExpression) },
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.DateLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      { ALT: () => this.CONSUME(t.Now) },
      { ALT: () => this.SUBRULE(this.parenthesisExpression) },
      { ALT: () => this.SUBRULE(this.listExpression) },
      { ALT: () => this.SUBRULE(this.nameOrCall) },
    ]);
  });

  // `30 days` is a duration and `60%` the number 0.6.
  readonly numberExpression = this.RULE('numberExpression', () => {
    this.CONSUME(t.NumberLiteral);
    this.OPTION(() => {
      this.OR([{ ALT: () => this.CONSUME(t.Percent) }, { ALT: () => this.SUBRULE(this.durationUnit) }]);
    });
  });

  readonly parenthesisExpression = this.RULE('parenthesisExpression', () => {
    this.CONSUME(t.LParen);
    this.SUBRULE(this.expression);
    this.CONSUME(t.RParen);
  });

  readonly listExpression = this.RULE('listExpression', () => {
    this.CONSUME(t.LBracket);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(t.RBracket);
  });

  // `last` is a keyword for event windows and also the name of an aggregate.
  readonly nameOrCall = this.RULE('nameOrCall', () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.Last) }]);
    this.OPTION(() => {
      this.CONSUME(t.LParen);
      this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.callArgument) });
      this.CONSUME(t.RParen);
    });
  });

  readonly callArgument = this.RULE('callArgument', () => {
    this.SUBRULE(this.expression);
    this.OPTION(() => {
      this.CONSUME(t.In);
      this.CONSUME(t.Last);
      this.CONSUME(t.NumberLiteral);
      this.SUBRULE(this.durationUnit);
    });
  });
}

/** The one parser instance; Chevrotain parsers are reusable through the `input` setter. */
export const rulesParser = new RulesParser();

export interface ParseOutput {
  /** Undefined only when the parser could not recover at all. */
  cst: CstNode | undefined;
  errors: IRecognitionException[];
}

/** Parses tokens into a concrete syntax tree; syntax errors are returned, never thrown. */
export function parseTokens(tokens: IToken[]): ParseOutput {
  rulesParser.input = tokens;
  // Chevrotain types the result as a node, but the first rule returns undefined when
  // recovery fails outright.
  const cst: CstNode | undefined = rulesParser.rulesFile();
  return { cst, errors: rulesParser.errors };
}
