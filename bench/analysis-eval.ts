// Evaluation of the analysis on CV/job pairs, in three parts: the tuned part (test/fixtures/analysis,
// which the analysis was tuned on), the held-out part (test/fixtures/analysis-held-out, written
// apart and never tuned on) and the corpus part (the reading corpus's dev CVs with a job built from
// each, tuned material too; test/helpers/analysis-corpus.ts). The generators live in
// bench/analysis-eval/; `npm run eval` (bench/eval.ts) prints the parts side by side;
// test/analysis-eval.test.ts holds the targets.
// Evaluation code, not part of the service: nothing in src/ imports it except tests.
export type { EvalCase } from '../test/helpers/analysis-fixtures.ts';
export {
  type EvalFactKind,
  FACT_KINDS,
  type Fabrication,
  type FabricationKind,
  fabricate,
} from './analysis-eval/fabrications.ts';
export { faithfulRewrites, REWRITE_KINDS, type Rewrite, type RewriteKind } from './analysis-eval/rewrites.ts';
export {
  type CaseResult,
  droppedItems,
  type Evaluation,
  type FabricationResult,
  familyOf,
  namesFact,
  type PartReport,
  type RewriteResult,
  runEvaluation,
  runPart,
  runPartInWorkers,
  sourceWordsOf,
} from './analysis-eval/run.ts';
export { rateOf, type SummaryRow, summarize } from './analysis-eval/summary.ts';
