import { ImportProblem } from './import-problem';
import { MAX_LISTED_PROBLEMS } from './import-report';

/** Gathers the problems of a validation pass: which rows are rejected, and the first problems in full. */
export class ProblemCollector {
  readonly rejectedRows = new Set<number>();
  readonly fileProblems: ImportProblem[] = [];
  readonly listed: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count += 1;
    if (problem.row === null) {
      this.fileProblems.push(problem);
    } else {
      this.rejectedRows.add(problem.row);
    }
    if (this.listed.length < MAX_LISTED_PROBLEMS) {
      this.listed.push(problem);
    }
  }

  addAll(problems: Iterable<ImportProblem>): void {
    for (const problem of problems) {
      this.add(problem);
    }
  }
}
