// Public API of the CV feature: its routes, services and job handlers.
import type { AiProvider } from '../ai/index.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db/database.ts';
import type { Events } from '../platform/events.ts';
import type { Logger } from '../platform/logger.ts';
import type { JobHandler } from '../platform/queue/queue.ts';
import type { Storage } from '../platform/storage.ts';
import { createExtractResumeHandler } from './extract-resume.handler.ts';
import { createImproveCvHandler } from './improve-cv.handler.ts';

export { aiResponseRoutes } from './ai-response.routes.ts';
export { type AiResponseService, createAiResponseService } from './ai-response.service.ts';
export { createCvAiProvider } from './analysis.ts';
export { createDocumentService, type DocumentService } from './document.service.ts';
export { improvedCvRoutes } from './improved-cv.routes.ts';
export { createImprovedCvService, type ImprovedCvService } from './improved-cv.service.ts';
export { registerCvMetrics } from './metrics.ts';
export { questionnaireRoutes } from './questionnaire.routes.ts';
export {
  createQuestionnaireService,
  type ListPage,
  QUESTIONNAIRE_LISTS_TOPIC,
  type QuestionnaireService,
} from './questionnaire.service.ts';
export { sanitizeText } from './sanitize.ts';
export { structureRoutes } from './structure.routes.ts';
export { createStructureService, type StructureService } from './structure.service.ts';

export interface CvJobDeps {
  db: Db;
  storage: Storage;
  events: Events;
  ai: AiProvider;
  clock: Clock;
  logger: Logger;
}

export function createCvJobHandlers(deps: CvJobDeps): {
  'extract-resume': JobHandler<{ questionnaireId: number; documentId: string }>;
  'improve-cv': JobHandler<{ aiResponseId: number }>;
} {
  return {
    'extract-resume': createExtractResumeHandler(deps),
    'improve-cv': createImproveCvHandler(deps),
  };
}

/** Download URL of a stored document; absolute when the public URL of the API is configured. */
export function documentUrlFor(publicUrl: string | undefined): (documentId: string) => string {
  const base = (publicUrl ?? '').replace(/\/+$/, '');
  return (documentId) => `${base}/cv/documents/${documentId}/`;
}
