// `npm run eval:reading`: reads every CV of the reading corpus (test/fixtures/reading/) the way an
// upload is read, and prints per-field accuracy against the ground truth, per part (dev, held-out)
// and per producer.
//   --part dev|heldout   one part only
//   --show <id>          the text as read, the structure parsed and what was missed, for one CV
//   --misses             every miss, CV by CV
//   --only <text>        only the CVs whose id contains the text (a batch: --only=-b6-)
//   --skip <text,...>    leave out the CVs whose id contains one of the texts (new batches: --skip=-b15-,-b16-)

import { parseArgs } from 'node:util';
import { closeExtraction } from '../src/documents/index.ts';
import {
  addTally,
  type CvResult,
  emptyTally,
  FIELDS,
  listCorpus,
  percent,
  readCorpusFile,
  scoreReading,
  type Tally,
} from '../test/helpers/reading-score.ts';

const { values } = parseArgs({
  options: {
    part: { type: 'string' },
    show: { type: 'string' },
    misses: { type: 'boolean', default: false },
    only: { type: 'string' },
    skip: { type: 'string' },
  },
});

const parts: readonly ('dev' | 'heldout')[] =
  values.part === 'dev' || values.part === 'heldout' ? [values.part] : ['dev', 'heldout'];
const entries = listCorpus(parts).filter(
  (e) =>
    (values.show === undefined || e.truth.id === values.show) &&
    (values.only === undefined || e.truth.id.includes(values.only)) &&
    (values.skip === undefined || !values.skip.split(',').some((t) => e.truth.id.includes(t))),
);
const results: (CvResult & { part: string })[] = [];
try {
  for (const [k, entry] of entries.entries()) {
    // A few seconds for the whole corpus: a count on a terminal shows it is moving.
    if (process.stderr.isTTY) process.stderr.write(`\rreading ${k + 1}/${entries.length}`);
    const { text, layout, cv } = await readCorpusFile(entry);
    const { tally, misses } = scoreReading(cv, entry.truth);
    results.push({ id: entry.truth.id, producer: entry.truth.producer, tally, misses, part: entry.part });
    if (values.show !== undefined) {
      console.log(
        `layout read: ${layout} (truth: ${entry.truth.layout})\n--- text ---\n${text}\n--- structure ---`,
      );
      console.log(
        JSON.stringify(
          {
            basics: cv.basics,
            work: cv.work,
            education: cv.education,
            skills: cv.skills,
            sections: cv.meta.sectionOrder,
          },
          null,
          1,
        ),
      );
    }
    if (values.show !== undefined || values.misses) {
      console.log(`${entry.truth.id}: ${misses.length === 0 ? 'all right' : ''}`);
      for (const m of misses) console.log(`  ${m}`);
    }
  }
} finally {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  await closeExtraction();
}

function row(label: string, tally: Tally, n: number): string {
  return `${label.padEnd(22)} ${String(n).padStart(3)}  ${FIELDS.map((f) => percent(tally[f]).padStart(f.length)).join('  ')}`;
}

const header = `${'part / producer'.padEnd(22)} CVs  ${FIELDS.join('  ')}`;
console.log(header);
for (const part of parts) {
  const inPart = results.filter((r) => r.part === part);
  if (inPart.length === 0) continue;
  const total = emptyTally();
  for (const r of inPart) addTally(total, r.tally);
  console.log(row(part, total, inPart.length));
  for (const producer of [...new Set(inPart.map((r) => r.producer))].sort()) {
    const t = emptyTally();
    const rs = inPart.filter((r) => r.producer === producer);
    for (const r of rs) addTally(t, r.tally);
    console.log(row(`  ${producer}`, t, rs.length));
  }
}
const all = emptyTally();
for (const r of results) addTally(all, r.tally);
console.log(row('all', all, results.length));
console.log('bullets: share of jobs whose bullet count is within 20% of the truth');
