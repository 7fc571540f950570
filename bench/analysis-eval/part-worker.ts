// Runs one share of the corpus part in a worker thread (see `runPartInWorkers`): the fact guard
// checks ~30 texts per CV, so the corpus's CVs are shared over the machine's cores.
import { parentPort, workerData } from 'node:worker_threads';
import type { EvalCase } from '../../test/helpers/analysis-fixtures.ts';
import { runPart } from './run.ts';

const { cases, referenceDate } = workerData as { cases: EvalCase[]; referenceDate: string };
parentPort!.postMessage(runPart(cases, [], referenceDate));
