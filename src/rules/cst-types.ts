// Generated from the grammar in parser.ts by generate-cst-types.ts; do not edit.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface RulesFileCstNode extends CstNode {
  name: "rulesFile";
  children: RulesFileCstChildren;
}

export type RulesFileCstChildren = {
  declaration?: DeclarationCstNode[];
  EOF: IToken[];
};

export interface DeclarationCstNode extends CstNode {
  name: "declaration";
  children: DeclarationCstChildren;
}

export type DeclarationCstChildren = {
  segmentDeclaration?: SegmentDeclarationCstNode[];
  campaignDeclaration?: CampaignDeclarationCstNode[];
  globalCapDeclaration?: GlobalCapDeclarationCstNode[];
};

export interface SegmentDeclarationCstNode extends CstNode {
  name: "segmentDeclaration";
  children: SegmentDeclarationCstChildren;
}

export type SegmentDeclarationCstChildren = {
  Segment: IToken[];
  Identifier: IToken[];
  Equals: IToken[];
  expression: ExpressionCstNode[];
};

export interface GlobalCapDeclarationCstNode extends CstNode {
  name: "globalCapDeclaration";
  children: GlobalCapDeclarationCstChildren;
}

export type GlobalCapDeclarationCstChildren = {
  Global: IToken[];
  Cap: IToken[];
  capLimit: CapLimitCstNode[];
};

export interface CampaignDeclarationCstNode extends CstNode {
  name: "campaignDeclaration";
  children: CampaignDeclarationCstChildren;
}

export type CampaignDeclarationCstChildren = {
  Campaign: IToken[];
  StringLiteral: IToken[];
  LBrace: IToken[];
  campaignClause?: CampaignClauseCstNode[];
  RBrace: IToken[];
};

export interface CampaignClauseCstNode extends CstNode {
  name: "campaignClause";
  children: CampaignClauseCstChildren;
}

export type CampaignClauseCstChildren = {
  scheduleClause?: ScheduleClauseCstNode[];
  audienceClause?: AudienceClauseCstNode[];
  offerClause?: OfferClauseCstNode[];
  sendClause?: SendClauseCstNode[];
  variantsClause?: VariantsClauseCstNode[];
  holdoutClause?: HoldoutClauseCstNode[];
  capClause?: CapClauseCstNode[];
  quietHoursClause?: QuietHoursClauseCstNode[];
  priorityClause?: PriorityClauseCstNode[];
  startsClause?: StartsClauseCstNode[];
  endsClause?: EndsClauseCstNode[];
  missedRunsClause?: MissedRunsClauseCstNode[];
};

export interface ScheduleClauseCstNode extends CstNode {
  name: "scheduleClause";
  children: ScheduleClauseCstChildren;
}

export type ScheduleClauseCstChildren = {
  Schedule: IToken[];
  cronSchedule?: CronScheduleCstNode[];
  everySchedule?: EveryScheduleCstNode[];
  scheduleZone?: ScheduleZoneCstNode[];
};

export interface CronScheduleCstNode extends CstNode {
  name: "cronSchedule";
  children: CronScheduleCstChildren;
}

export type CronScheduleCstChildren = {
  Cron: IToken[];
  StringLiteral: IToken[];
  Comma?: IToken[];
};

export interface EveryScheduleCstNode extends CstNode {
  name: "everySchedule";
  children: EveryScheduleCstChildren;
}

export type EveryScheduleCstChildren = {
  Every: IToken[];
  schedulePeriod: SchedulePeriodCstNode[];
  At?: IToken[];
  TimeLiteral?: IToken[];
  Comma?: IToken[];
};

export interface SchedulePeriodCstNode extends CstNode {
  name: "schedulePeriod";
  children: SchedulePeriodCstChildren;
}

export type SchedulePeriodCstChildren = {
  Day?: (IToken)[];
  Weekday?: IToken[];
  Weekend?: IToken[];
  Hour?: IToken[];
  DayName?: IToken[];
  Comma?: IToken[];
  NumberLiteral?: (IToken)[];
  durationUnit?: DurationUnitCstNode[];
  Month?: IToken[];
  On?: IToken[];
};

export interface ScheduleZoneCstNode extends CstNode {
  name: "scheduleZone";
  children: ScheduleZoneCstChildren;
}

export type ScheduleZoneCstChildren = {
  Customer?: IToken[];
  Time?: IToken[];
  In?: IToken[];
  StringLiteral?: IToken[];
};

export interface AudienceClauseCstNode extends CstNode {
  name: "audienceClause";
  children: AudienceClauseCstChildren;
}

export type AudienceClauseCstChildren = {
  Audience: IToken[];
  expression: ExpressionCstNode[];
};

export interface OfferClauseCstNode extends CstNode {
  name: "offerClause";
  children: OfferClauseCstChildren;
}

export type OfferClauseCstChildren = {
  Offer: IToken[];
  Top?: IToken[];
  NumberLiteral?: IToken[];
  From?: IToken[];
  postfixExpression?: PostfixExpressionCstNode[];
  Where?: IToken[];
  expression?: ExpressionCstNode[];
  Items?: IToken[];
  StringLiteral?: IToken[];
  Comma?: IToken[];
};

export interface SendClauseCstNode extends CstNode {
  name: "sendClause";
  children: SendClauseCstChildren;
}

export type SendClauseCstChildren = {
  Send: IToken[];
  Identifier: IToken[];
  StringLiteral: IToken[];
};

export interface VariantsClauseCstNode extends CstNode {
  name: "variantsClause";
  children: VariantsClauseCstChildren;
}

export type VariantsClauseCstChildren = {
  Variants: IToken[];
  variant: VariantCstNode[];
  Comma?: IToken[];
};

export interface VariantCstNode extends CstNode {
  name: "variant";
  children: VariantCstChildren;
}

export type VariantCstChildren = {
  Identifier?: IToken[];
  StringLiteral?: (IToken)[];
  NumberLiteral: IToken[];
  Percent: IToken[];
};

export interface HoldoutClauseCstNode extends CstNode {
  name: "holdoutClause";
  children: HoldoutClauseCstChildren;
}

export type HoldoutClauseCstChildren = {
  Holdout: IToken[];
  NumberLiteral: IToken[];
  Percent: IToken[];
};

export interface CapClauseCstNode extends CstNode {
  name: "capClause";
  children: CapClauseCstChildren;
}

export type CapClauseCstChildren = {
  Cap: IToken[];
  capLimit: CapLimitCstNode[];
};

export interface CapLimitCstNode extends CstNode {
  name: "capLimit";
  children: CapLimitCstChildren;
}

export type CapLimitCstChildren = {
  NumberLiteral: (IToken)[];
  Per: IToken[];
  durationUnit: DurationUnitCstNode[];
};

export interface QuietHoursClauseCstNode extends CstNode {
  name: "quietHoursClause";
  children: QuietHoursClauseCstChildren;
}

export type QuietHoursClauseCstChildren = {
  Quiet: IToken[];
  Hour: IToken[];
  TimeLiteral: (IToken)[];
  To: IToken[];
};

export interface PriorityClauseCstNode extends CstNode {
  name: "priorityClause";
  children: PriorityClauseCstChildren;
}

export type PriorityClauseCstChildren = {
  Priority: IToken[];
  NumberLiteral: IToken[];
};

export interface StartsClauseCstNode extends CstNode {
  name: "startsClause";
  children: StartsClauseCstChildren;
}

export type StartsClauseCstChildren = {
  Starts: IToken[];
  DateLiteral: IToken[];
};

export interface EndsClauseCstNode extends CstNode {
  name: "endsClause";
  children: EndsClauseCstChildren;
}

export type EndsClauseCstChildren = {
  Ends: IToken[];
  DateLiteral: IToken[];
};

export interface MissedRunsClauseCstNode extends CstNode {
  name: "missedRunsClause";
  children: MissedRunsClauseCstChildren;
}

export type MissedRunsClauseCstChildren = {
  Missed: IToken[];
  Runs: IToken[];
  Skip?: IToken[];
  Catch?: IToken[];
  Up?: IToken[];
  Once?: IToken[];
};

export interface DurationUnitCstNode extends CstNode {
  name: "durationUnit";
  children: DurationUnitCstChildren;
}

export type DurationUnitCstChildren = {
  Minute?: IToken[];
  Hour?: IToken[];
  Day?: IToken[];
  Week?: IToken[];
};

export interface ExpressionCstNode extends CstNode {
  name: "expression";
  children: ExpressionCstChildren;
}

export type ExpressionCstChildren = {
  orExpression: OrExpressionCstNode[];
};

export interface OrExpressionCstNode extends CstNode {
  name: "orExpression";
  children: OrExpressionCstChildren;
}

export type OrExpressionCstChildren = {
  andExpression: (AndExpressionCstNode)[];
  Or?: IToken[];
};

export interface AndExpressionCstNode extends CstNode {
  name: "andExpression";
  children: AndExpressionCstChildren;
}

export type AndExpressionCstChildren = {
  notExpression: (NotExpressionCstNode)[];
  And?: IToken[];
};

export interface NotExpressionCstNode extends CstNode {
  name: "notExpression";
  children: NotExpressionCstChildren;
}

export type NotExpressionCstChildren = {
  Not?: IToken[];
  comparisonExpression: ComparisonExpressionCstNode[];
};

export interface ComparisonExpressionCstNode extends CstNode {
  name: "comparisonExpression";
  children: ComparisonExpressionCstChildren;
}

export type ComparisonExpressionCstChildren = {
  additiveExpression: AdditiveExpressionCstNode[];
  comparisonTail?: ComparisonTailCstNode[];
};

export interface ComparisonTailCstNode extends CstNode {
  name: "comparisonTail";
  children: ComparisonTailCstChildren;
}

export type ComparisonTailCstChildren = {
  comparisonOperator?: ComparisonOperatorCstNode[];
  additiveExpression?: AdditiveExpressionCstNode[];
  Not?: (IToken)[];
  In?: IToken[];
  listExpression?: ListExpressionCstNode[];
  Between?: IToken[];
  low?: AdditiveExpressionCstNode[];
  And?: IToken[];
  high?: AdditiveExpressionCstNode[];
  Is?: IToken[];
  Missing?: IToken[];
  isValue?: AdditiveExpressionCstNode[];
  Exists?: IToken[];
};

export interface ComparisonOperatorCstNode extends CstNode {
  name: "comparisonOperator";
  children: ComparisonOperatorCstChildren;
}

export type ComparisonOperatorCstChildren = {
  Equals?: IToken[];
  NotEquals?: IToken[];
  Less?: IToken[];
  LessEquals?: IToken[];
  Greater?: IToken[];
  GreaterEquals?: IToken[];
};

export interface AdditiveExpressionCstNode extends CstNode {
  name: "additiveExpression";
  children: AdditiveExpressionCstChildren;
}

export type AdditiveExpressionCstChildren = {
  multiplicativeExpression: (MultiplicativeExpressionCstNode)[];
  Plus?: IToken[];
  Minus?: IToken[];
};

export interface MultiplicativeExpressionCstNode extends CstNode {
  name: "multiplicativeExpression";
  children: MultiplicativeExpressionCstChildren;
}

export type MultiplicativeExpressionCstChildren = {
  unaryExpression: (UnaryExpressionCstNode)[];
  Star?: IToken[];
  Slash?: IToken[];
};

export interface UnaryExpressionCstNode extends CstNode {
  name: "unaryExpression";
  children: UnaryExpressionCstChildren;
}

export type UnaryExpressionCstChildren = {
  Minus?: IToken[];
  postfixExpression: PostfixExpressionCstNode[];
};

export interface PostfixExpressionCstNode extends CstNode {
  name: "postfixExpression";
  children: PostfixExpressionCstChildren;
}

export type PostfixExpressionCstChildren = {
  primaryExpression: PrimaryExpressionCstNode[];
  Dot?: IToken[];
  AnyName?: IToken[];
  StringLiteral?: IToken[];
};

export interface PrimaryExpressionCstNode extends CstNode {
  name: "primaryExpression";
  children: PrimaryExpressionCstChildren;
}

export type PrimaryExpressionCstChildren = {
  numberExpression?: NumberExpressionCstNode[];
  StringLiteral?: IToken[];
  DateLiteral?: IToken[];
  True?: IToken[];
  False?: IToken[];
  Now?: IToken[];
  parenthesisExpression?: ParenthesisExpressionCstNode[];
  listExpression?: ListExpressionCstNode[];
  nameOrCall?: NameOrCallCstNode[];
};

export interface NumberExpressionCstNode extends CstNode {
  name: "numberExpression";
  children: NumberExpressionCstChildren;
}

export type NumberExpressionCstChildren = {
  NumberLiteral: IToken[];
  Percent?: IToken[];
  durationUnit?: DurationUnitCstNode[];
};

export interface ParenthesisExpressionCstNode extends CstNode {
  name: "parenthesisExpression";
  children: ParenthesisExpressionCstChildren;
}

export type ParenthesisExpressionCstChildren = {
  LParen: IToken[];
  expression: ExpressionCstNode[];
  RParen: IToken[];
};

export interface ListExpressionCstNode extends CstNode {
  name: "listExpression";
  children: ListExpressionCstChildren;
}

export type ListExpressionCstChildren = {
  LBracket: IToken[];
  expression?: ExpressionCstNode[];
  Comma?: IToken[];
  RBracket: IToken[];
};

export interface NameOrCallCstNode extends CstNode {
  name: "nameOrCall";
  children: NameOrCallCstChildren;
}

export type NameOrCallCstChildren = {
  Identifier?: IToken[];
  Last?: IToken[];
  LParen?: IToken[];
  callArgument?: CallArgumentCstNode[];
  Comma?: IToken[];
  RParen?: IToken[];
};

export interface CallArgumentCstNode extends CstNode {
  name: "callArgument";
  children: CallArgumentCstChildren;
}

export type CallArgumentCstChildren = {
  expression: ExpressionCstNode[];
  In?: IToken[];
  Last?: IToken[];
  NumberLiteral?: IToken[];
  durationUnit?: DurationUnitCstNode[];
};
