/**
 * Checks a set of rules files as one project: segment and campaign names are shared
 * across files, a global cap set in any file applies to every campaign, and all errors
 * of all files are reported in one pass.
 */
import type { FrequencyCap } from '../campaigns/caps';
import * as ast from './ast';
import { capFromLimit, CampaignChecker, CheckedCampaign } from './campaign-checker';
import { CUSTOMER_FIELDS, RulesCatalog } from './catalog';
import { CheckedExpression } from './checked';
import { warnAlwaysFalse } from './condition-analysis';
import { Diagnostic, DiagnosticBag } from './diagnostic';
import { ExpressionChecker, ExpressionScope } from './expression-checker';
import { MAX_NESTING_DEPTH } from './limits';
import { messages } from './messages';
import { ParsedRulesFile } from './rules-reader';
import { SourceFile } from './source-file';
import { warnValuesOutsideDomain } from './value-domains';

export interface CheckedSegment {
  name: string;
  file: string;
  condition: CheckedExpression;
  /** Segments this one refers to directly. */
  dependencies: string[];
}

export interface CheckedFile {
  source: SourceFile;
  diagnostics: Diagnostic[];
}

export interface CheckResult {
  files: CheckedFile[];
  /** Segments in dependency order: each comes after the segments it uses. */
  segments: CheckedSegment[];
  /** Campaigns without errors, in file order. */
  campaigns: CheckedCampaign[];
  globalCap: FrequencyCap | null;
  errorCount: number;
  warningCount: number;
}

interface SegmentEntry {
  declaration: ast.SegmentDeclaration;
  file: ParsedRulesFile;
}

export function checkRules(files: readonly ParsedRulesFile[], catalog: RulesCatalog): CheckResult {
  const segments = new Map<string, SegmentEntry>();
  const unreadable = new Set<string>();
  const campaignNames = new Set<string>();
  let globalCap: FrequencyCap | null = null;
  let globalCapSeen = false;

  for (const file of files) {
    file.unreadableSegments.forEach((name) => unreadable.add(name));
    for (const declaration of file.ast.declarations) {
      if (declaration.kind === 'segment') {
        if (segments.has(declaration.name)) {
          file.diagnostics.error(messages.duplicateSegment(declaration.name), declaration.nameSpan);
        } else if (CUSTOMER_FIELDS.has(declaration.name) || declaration.name === 'attr') {
          file.diagnostics.error(messages.segmentShadowsField(declaration.name), declaration.nameSpan);
        } else {
          segments.set(declaration.name, { declaration, file });
        }
      } else if (declaration.kind === 'campaign') {
        if (campaignNames.has(declaration.name)) {
          file.diagnostics.error(messages.duplicateCampaign(declaration.name), declaration.nameSpan);
        }
        campaignNames.add(declaration.name);
      } else if (globalCapSeen) {
        file.diagnostics.error(messages.duplicateGlobalCap(), declaration.span);
      } else {
        globalCapSeen = true;
        globalCap = capFromLimit(declaration.limit, file.diagnostics);
      }
    }
  }

  const used = new Set<string>();
  const dependencies = new Map<string, Array<{ name: string; span: ast.Span }>>();
  const recovering = declarationsWithSyntaxErrors(files);
  const scopeFor = (file: ParsedRulesFile, from: string | null, declaration: ast.Declaration): Omit<ExpressionScope, 'context'> => ({
    catalog,
    bag: file.diagnostics,
    recovering: recovering.has(declaration),
    segment: (name, span) => {
      if (segments.has(name)) {
        used.add(name);
        if (from !== null) {
          dependencies.get(from)?.push({ name, span });
        }
        return 'known';
      }
      return unreadable.has(name) ? 'unreadable' : null;
    },
    segmentNames: () => segments.keys(),
  });

  const checkedSegments = new Map<string, CheckedSegment>();
  for (const [name, { declaration, file }] of segments) {
    dependencies.set(name, []);
    const checker = new ExpressionChecker({ ...scopeFor(file, name, declaration), context: 'customer' });
    const condition = checker.condition(declaration.condition, 'segment');
    warnAlwaysFalse(condition, file.diagnostics);
    warnValuesOutsideDomain(condition, catalog, file.diagnostics);
    const direct = dependencies.get(name) ?? [];
    checkedSegments.set(name, { name, file: file.source.path, condition, dependencies: [...new Set(direct.map((entry) => entry.name))] });
  }
  const ordered = orderSegments(segments, dependencies);

  const campaigns: CheckedCampaign[] = [];
  for (const file of files) {
    for (const declaration of file.ast.declarations) {
      if (declaration.kind !== 'campaign') {
        continue;
      }
      const checked = new CampaignChecker(declaration, scopeFor(file, null, declaration), globalCapSeen).check();
      if (checked !== null) {
        warnAlwaysFalse(checked.audience, file.diagnostics);
        warnValuesOutsideDomain(checked.audience, catalog, file.diagnostics);
        if (checked.offer?.kind === 'recommend' && checked.offer.filter !== null) {
          warnAlwaysFalse(checked.offer.filter, file.diagnostics);
          warnValuesOutsideDomain(checked.offer.filter, catalog, file.diagnostics);
        }
        campaigns.push(checked);
      }
    }
  }

  for (const [name, { declaration, file }] of segments) {
    if (!used.has(name)) {
      file.diagnostics.warning(messages.unusedSegment(name), declaration.nameSpan);
    }
  }

  const checkedFiles = files.map((file) => ({ source: file.source, diagnostics: file.diagnostics.list() }));
  const all = checkedFiles.flatMap((file) => file.diagnostics);
  return {
    files: checkedFiles,
    segments: ordered.flatMap((name) => checkedSegments.get(name) ?? []),
    campaigns,
    globalCap,
    errorCount: all.filter((diagnostic) => diagnostic.severity === 'error').length,
    warningCount: all.filter((diagnostic) => diagnostic.severity === 'warning').length,
  };
}

/**
 * Finds the declarations whose text, up to the next declaration, contains a syntax
 * error. Parts of them may be missing, so the checker leaves out errors that only
 * restate that.
 */
function declarationsWithSyntaxErrors(files: readonly ParsedRulesFile[]): Set<ast.Declaration> {
  const broken = new Set<ast.Declaration>();
  for (const file of files) {
    const declarations = file.ast.declarations;
    declarations.forEach((declaration, index) => {
      const end = declarations[index + 1]?.span.start ?? file.source.text.length + 1;
      if (file.diagnostics.hasSyntaxErrorIn(declaration.span.start, end)) {
        broken.add(declaration);
      }
    });
  }
  return broken;
}

/**
 * Orders segments so each follows the ones it uses, reporting cycles and chains deeper
 * than the nesting limit. Iterative, so a long chain of segments cannot overflow the stack.
 */
function orderSegments(
  segments: ReadonlyMap<string, SegmentEntry>,
  dependencies: ReadonlyMap<string, ReadonlyArray<{ name: string; span: ast.Span }>>,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const depth = new Map<string, number>();
  const reportedTooDeep = new Set<string>();

  for (const root of segments.keys()) {
    if (state.has(root)) {
      continue;
    }
    const stack: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
    state.set(root, 'visiting');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const edges = dependencies.get(frame.name) ?? [];
      if (frame.next < edges.length) {
        const edge = edges[frame.next++];
        const edgeState = state.get(edge.name);
        if (edgeState === undefined) {
          state.set(edge.name, 'visiting');
          stack.push({ name: edge.name, next: 0 });
        } else if (edgeState === 'visiting') {
          const start = stack.findIndex((entry) => entry.name === edge.name);
          const path = [...stack.slice(start).map((entry) => entry.name), edge.name];
          const file = segments.get(frame.name)?.file;
          file?.diagnostics.error(messages.segmentCycle(path), edge.span);
        }
        continue;
      }
      stack.pop();
      state.set(frame.name, 'done');
      const deepest = edges.reduce((max, edge) => Math.max(max, state.get(edge.name) === 'done' ? depth.get(edge.name) ?? 0 : 0), 0);
      const ownDepth = 1 + deepest;
      depth.set(frame.name, ownDepth);
      if (ownDepth > MAX_NESTING_DEPTH && !reportedTooDeep.has(frame.name)) {
        reportedTooDeep.add(frame.name);
        const entry = segments.get(frame.name);
        entry?.file.diagnostics.error(messages.segmentsTooDeep(frame.name, ownDepth, MAX_NESTING_DEPTH), entry.declaration.nameSpan);
        depth.set(frame.name, 0);
      }
      order.push(frame.name);
    }
  }
  return order;
}
