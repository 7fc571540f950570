// The CV structure a user sees and corrects. The reading is computed from the stored text each
// time (the parser is deterministic and takes milliseconds), so a better parser improves old CVs
// too; only the user's correction is stored, beside the text, which never changes.
import { parseCv } from '../analysis/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { notFound, validationError } from '../platform/errors.ts';
import {
  findQuestionnaire,
  lockQuestionnaire,
  type QuestionnaireRow,
  storeStructureCorrection,
} from './questionnaire.repository.ts';
import { requireReadableCv } from './questionnaire.service.ts';
import {
  type CvStructureView,
  RESUME_LAYOUTS,
  type ResumeLayout,
  type StoredResumeStructure,
} from './structure.schemas.ts';
import { readStoredStructure, resumeFromCorrection, resumeFromReading, SECTION_FIELDS } from './structure.ts';

const NOT_FOUND = 'Questionnaire not found.';

/** A `line` must point into the text it claims to come from. */
function checkLines(structure: StoredResumeStructure, text: string): void {
  const count = text.replace(/\r\n?/g, '\n').split('\n').length;
  const errors: Record<string, string[]> = {};
  const check = (field: string, line: number | null) => {
    if (line !== null && line > count)
      errors[field] = [`Line ${line} is past the end of the CV text, which has ${count} lines.`];
  };
  check('basics.line', structure.basics.line);
  for (const section of SECTION_FIELDS) {
    structure[section].forEach((part, i) => {
      check(`${section}.${i}.line`, part.line);
    });
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
}

export function createStructureService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function view(row: QuestionnaireRow): CvStructureView {
    const text = requireReadableCv(row);
    const original = resumeFromReading(parseCv(text), text);
    const correction = readStoredStructure(row.resumeStructure);
    const layout = (RESUME_LAYOUTS as readonly string[]).includes(row.resumeLayout ?? '')
      ? (row.resumeLayout as ResumeLayout)
      : null;
    return {
      structure: correction === null ? original : resumeFromCorrection(correction, original),
      layout,
      text,
      corrected: correction !== null,
      ...(correction === null ? {} : { original }),
      updated_at: (row.resumeStructureUpdatedAt ?? row.updatedAt).toISOString(),
    };
  }

  /** Stores a correction (or, with null, drops it) while the CV it corrects is the one read. */
  async function store(userId: number, id: number, structure: StoredResumeStructure | null) {
    return db.transaction(async (tx) => {
      const row = await lockQuestionnaire(tx, userId, id);
      if (!row) throw notFound(NOT_FOUND);
      const text = requireReadableCv(row);
      if (structure === null && row.resumeStructure === null) return view(row); // nothing to undo
      if (structure !== null) checkLines(structure, text);
      return view(await storeStructureCorrection(tx, id, structure, clock.now()));
    });
  }

  return {
    /** The structure used from now on, the text it was read from, and the reading when corrected. */
    async get(userId: number, id: number): Promise<CvStructureView> {
      const row = await findQuestionnaire(db, userId, id);
      if (!row) throw notFound(NOT_FOUND);
      return view(row);
    },

    /** The user's corrected structure replaces the reading for analysis and improvement. */
    correct(userId: number, id: number, structure: StoredResumeStructure): Promise<CvStructureView> {
      return store(userId, id, structure);
    },

    /** Back to the structure as read from the text. */
    reset(userId: number, id: number): Promise<CvStructureView> {
      return store(userId, id, null);
    },
  };
}

export type StructureService = ReturnType<typeof createStructureService>;
