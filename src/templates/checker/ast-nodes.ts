/*
 * Type guards for Handlebars AST nodes. The published types give every statement the
 * plain `type: string` tag, so these narrow by that tag instead of casting.
 */

export function isMustache(node: hbs.AST.Node): node is hbs.AST.MustacheStatement {
  return node.type === 'MustacheStatement';
}

export function isBlock(node: hbs.AST.Node): node is hbs.AST.BlockStatement {
  return node.type === 'BlockStatement';
}

export function isDecoratorBlock(node: hbs.AST.Node): node is hbs.AST.DecoratorBlock {
  return node.type === 'DecoratorBlock';
}

export function isPartial(node: hbs.AST.Node): node is hbs.AST.PartialStatement {
  return node.type === 'PartialStatement';
}

export function isPartialBlock(node: hbs.AST.Node): node is hbs.AST.PartialBlockStatement {
  return node.type === 'PartialBlockStatement';
}

export function isPath(node: hbs.AST.Node): node is hbs.AST.PathExpression {
  return node.type === 'PathExpression';
}

export function isSubExpression(node: hbs.AST.Node): node is hbs.AST.SubExpression {
  return node.type === 'SubExpression';
}

export function isStringLiteral(node: hbs.AST.Node): node is hbs.AST.StringLiteral {
  return node.type === 'StringLiteral';
}

export function isNumberLiteral(node: hbs.AST.Node): node is hbs.AST.NumberLiteral {
  return node.type === 'NumberLiteral';
}

export function isBooleanLiteral(node: hbs.AST.Node): node is hbs.AST.BooleanLiteral {
  return node.type === 'BooleanLiteral';
}

export function isIgnoredStatement(node: hbs.AST.Node): boolean {
  return node.type === 'ContentStatement' || node.type === 'CommentStatement';
}
