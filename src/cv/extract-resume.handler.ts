// Reads the text of an uploaded CV into its questionnaire. At-least-once delivery means the job may
// run twice, or after the CV was replaced or removed: the outcome is stored only while the
// questionnaire still points at this very document and still waits for it, and only then is it
// announced on the event bus, where a request waiting with `Prefer: wait` hears it.
import { detectDocumentType, type ExtractOptions, extractText } from '../documents/index.ts';
import type { extractResumeJob } from '../jobs/catalog.ts';
import { refundQuota, uploadQuotaRef } from '../limits/index.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import { isAppError } from '../platform/errors.ts';
import type { Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { JobHandler, JobPayload } from '../platform/queue/queue.ts';
import type { Storage } from '../platform/storage.ts';
import { createResumeOutcomePublisher } from './questionnaire.events.ts';
import { findQuestionnaireById, storeResumeOutcome } from './questionnaire.repository.ts';

/** What a CV needs at most; the prompt sends this much to the model. */
export const RESUME_EXTRACT_LIMITS: ExtractOptions = { maxPages: 20, maxChars: 60_000, timeoutMs: 20_000 };

const UNSUPPORTED =
  'This kind of file is not supported. Please upload your CV as a PDF with selectable text, a DOCX, an ODT or a TXT file.';
const UNEXPECTED =
  'The file could not be read because of an error on our side. Please upload it again; if it keeps failing, try a DOCX or TXT version.';

export function createExtractResumeHandler(deps: {
  db: Db;
  storage: Storage;
  events: Events;
  logger: Logger;
  clock?: Clock;
  limits?: ExtractOptions;
}): JobHandler<JobPayload<typeof extractResumeJob>> {
  const { db, storage, logger } = deps;
  const clock = deps.clock ?? systemClock;
  const limits = deps.limits ?? RESUME_EXTRACT_LIMITS;
  const announce = createResumeOutcomePublisher(deps.events, logger);
  return async ({ payload, isLastAttempt }) => {
    const { questionnaireId, documentId } = payload;
    // A CV that cannot be read costs no upload: the user sends another file instead. The unit is
    // back before the failure shows, so a client that sees it can upload again at once.
    const fail = async (error: string) => {
      await refundQuota(db, 'uploads', uploadQuotaRef(documentId), clock.now());
      if (await storeResumeOutcome(db, questionnaireId, documentId, { status: 'failed', error })) {
        await announce(questionnaireId, 'failed');
      }
    };
    const questionnaire = await findQuestionnaireById(db, questionnaireId);
    if (
      !questionnaire ||
      questionnaire.resumeDocumentId !== documentId ||
      questionnaire.resumeStatus !== 'processing'
    ) {
      return;
    }
    const file = await storage.get(documentId);
    if (!file) return;

    const type = detectDocumentType(file.data);
    if (type === 'unknown') {
      await fail(UNSUPPORTED);
      return;
    }
    try {
      const extracted = await extractText(file.data, type, limits);
      const stored = await storeResumeOutcome(
        db,
        questionnaireId,
        documentId,
        {
          status: 'ready',
          text: extracted.text,
          chars: extracted.chars,
          // The reader's layout (null for plain text) is the API's `layout`: the types must agree.
          layout: extracted.layout,
        },
        clock.now(),
      );
      if (stored) await announce(questionnaireId, 'ready');
    } catch (error) {
      if (isAppError(error) && error.code === 'resume_unreadable') {
        // The file itself is the problem (encrypted, scanned, corrupt, empty): another attempt
        // would read the same bytes the same way.
        logger.info({ questionnaireId, reason: error.extensions?.reason }, 'resume unreadable');
        await fail(error.message);
        return;
      }
      if (!isLastAttempt) throw error;
      logger.error({ err: error, questionnaireId }, 'resume extraction failed');
      await fail(UNEXPECTED);
    }
  };
}
