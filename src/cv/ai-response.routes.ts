import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { aiResponseQuotaRef, type QuotaHooks } from '../limits/index.ts';
import { type AuthHooks, currentUser } from '../platform/http/authenticate.ts';
import { preferredWait } from '../platform/http/prefer.ts';
import { errorResponses, type RouteApp } from '../platform/http/route-helpers.ts';
import type { LinkSigner } from '../platform/http/signed-links.ts';
import type { Metrics } from '../platform/metrics.ts';
import {
  AiResponseCreateSchema,
  AiResponseHeadersSchema,
  AiResponseListQuerySchema,
  type AiResponseOut,
  AiResponsePageSchema,
  AiResponseSchema,
  PdfUrlSchema,
} from './ai-response.schemas.ts';
import { type AiResponseService, isFinished, type SseFrame } from './ai-response.service.ts';
import { SignedLinkQuerySchema } from './improved-cv.schemas.ts';
import { paginated, parseId } from './pagination.ts';
import { IdParamsSchema } from './questionnaire.schemas.ts';

const tags = ['cv'];
const security = [{ bearerAuth: [] }];
const NOT_FOUND = 'AI response not found.';

function sseText(frame: SseFrame): string {
  if ('comment' in frame) return `: ${frame.comment}\n\n`;
  return `event: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;
}

/** What the AI-response routes use. */
interface AiResponseRouteDeps {
  aiResponses: AiResponseService;
  hooks: AuthHooks;
  quota: QuotaHooks;
  links: LinkSigner;
  metrics?: Metrics;
}

export function aiResponseRoutes(deps: AiResponseRouteDeps): FastifyPluginAsyncZod {
  // Registered in this order, which is also the order of the OpenAPI document.
  return async (app) => {
    const openStreams = trackOpenStreams(app, deps.metrics);
    registerCreate(app, deps);
    registerList(app, deps);
    registerGet(app, deps);
    registerEvents(app, deps, openStreams);
    registerCancel(app, deps);
    registerGeneratePdf(app, deps);
  };
}

/**
 * Event streams stay open until their response finishes; on shutdown they are ended at once,
 * so that closing the app waits for ordinary requests only (clients reconnect elsewhere).
 * The set is the app's own, and its size is a metric.
 */
function trackOpenStreams(app: RouteApp, metrics: Metrics | undefined): Set<AbortController> {
  const openStreams = new Set<AbortController>();
  metrics?.collected(
    'cvimprover_event_streams_open',
    'AI-response event streams open in this process',
    () => [[{}, openStreams.size]],
  );
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.abort();
  });
  return openStreams;
}

/** The response with a link to its event stream that a browser's EventSource can open. */
function withLinks(links: LinkSigner, request: FastifyRequest, response: AiResponseOut): AiResponseOut {
  const { user, sessionId } = currentUser(request);
  return {
    ...response,
    events_link: links.sign(`/cv/ai-responses/${response.id}/events/`, { userId: user.id, sessionId }),
  };
}

/**
 * The unit is kept under the response's id, for the job to give back if it fails; a replay
 * created nothing and gives it back now.
 */
async function settleCreateUnit(
  { aiResponses, quota }: AiResponseRouteDeps,
  request: FastifyRequest,
  userId: number,
  created: { response: AiResponseOut; replayed: boolean },
): Promise<void> {
  const { response, replayed } = created;
  if (replayed) await quota.release(request, 'ai_responses');
  else
    await quota.settle(request, 'ai_responses', aiResponseQuotaRef(response.id), async () =>
      ['failed', 'canceled'].includes((await aiResponses.get(userId, response.id)).status),
    );
}

function registerCreate(app: RouteApp, deps: AiResponseRouteDeps) {
  const { aiResponses, hooks, quota, links } = deps;
  const isReplay = (request: FastifyRequest) =>
    aiResponses.isReplay(currentUser(request).user.id, request.headers['idempotency-key']);
  app.post(
    '/cv/ai-responses/',
    {
      config: { replay: isReplay },
      preHandler: [hooks.requireUser, quota.require('ai_responses', { unlessReplay: isReplay })],
      schema: {
        tags,
        security,
        summary: 'Ask for an improved CV',
        description:
          "Queues the job and answers 202 with the response in state `queued` and its URL in `Location`. With `Prefer: wait=N` (N ≤ 60) the request waits up to N seconds and answers 201 if the response finished by then. `rate_limit_info` shows the user's daily AI-response quota after this request. Validation failures keep the original API's sentence in `error`.\n\nOnce `succeeded`, the response carries a `report`: the match score before and after, each requirement explained, what is still missing (add only if true), the fact guard's findings and the main changes. When the fact guard finds facts in a model's answer that the CV does not state, the model is asked once to remove them (`report.fact_fix`); `report.fact_guard` is the check of the final text.",
        headers: AiResponseHeadersSchema,
        body: AiResponseCreateSchema,
        response: {
          201: AiResponseSchema,
          202: AiResponseSchema,
          ...errorResponses(400, 401, 404, 409, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).user.id;
      const created = await aiResponses.create(userId, request.body, {
        idempotencyKey: request.headers['idempotency-key'],
      });
      await settleCreateUnit(deps, request, userId, created);
      const { response } = created;
      reply.header('Location', `/cv/ai-responses/${response.id}/`);
      const wait = preferredWait(request.headers.prefer);
      if (wait > 0) reply.header('Preference-Applied', `wait=${wait}`);
      const current = await aiResponses.answerCreate(userId, response, wait);
      return reply
        .code(wait > 0 && isFinished(current.status) ? 201 : 202)
        .send(withLinks(links, request, current));
    },
  );
}

function registerList(app: RouteApp, { aiResponses, hooks }: AiResponseRouteDeps) {
  app.get(
    '/cv/ai-responses/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'List your AI responses',
        description: 'Newest first; `questionnaire` keeps those of one questionnaire.',
        querystring: AiResponseListQuerySchema,
        response: { 200: AiResponsePageSchema, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const { query } = request;
      const page = await aiResponses.list(currentUser(request).user.id, query);
      return paginated(request, { page: query.page, pageSize: query.page_size }, page);
    },
  );
}

function registerGet(app: RouteApp, { aiResponses, hooks, links }: AiResponseRouteDeps) {
  app.get(
    '/cv/ai-responses/:id/',
    {
      preHandler: hooks.requireUser,
      config: { progress: true },
      schema: {
        tags,
        security,
        summary: 'Get an AI response',
        params: IdParamsSchema,
        response: { 200: AiResponseSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) =>
      withLinks(
        links,
        request,
        await aiResponses.get(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
      ),
  );
}

function registerEvents(
  app: RouteApp,
  { aiResponses, hooks }: AiResponseRouteDeps,
  openStreams: Set<AbortController>,
) {
  app.get(
    '/cv/ai-responses/:id/events/',
    {
      preHandler: hooks.requireUserOrLink,
      config: { progress: true },
      schema: {
        tags,
        security,
        summary: 'Follow an AI response as Server-Sent Events',
        description:
          'Events: `status` ({status, progress}) first, then `progress` ({progress}), `delta` ({text}, the answer as it is written), and at the end `done` (the whole response object) or `error` ({code, message}); the stream ends after either. Comments (`: heartbeat`) keep idle connections open.\n\nFact check: when the model\'s first answer states facts the CV does not, a `progress` event `{progress, stage: "fact_check"}` follows its deltas while the model is asked to remove them. The corrected text is not streamed: `done` carries it in `response_text`, which replaces the text the deltas built, and `report.fact_fix` lists what was removed.',
        params: IdParamsSchema,
        querystring: SignedLinkQuerySchema,
        response: {
          200: z.string().describe('text/event-stream'),
          ...errorResponses(401, 404),
        },
      },
    },
    async (request, reply) => {
      const userId = currentUser(request).user.id;
      const id = parseId(request.params.id, NOT_FOUND);
      const closed = new AbortController();
      openStreams.add(closed);
      closed.signal.addEventListener('abort', () => openStreams.delete(closed));
      const frames = aiResponses.streamEvents(userId, id, closed.signal);
      // The first frame is read before answering, so a 404 is still an ordinary problem response.
      const first = await frames.next();
      request.raw.on('close', () => closed.abort());
      const raw = startEventStream(reply);
      try {
        await writeFrames(raw, first, frames, closed.signal);
      } catch (error) {
        request.log.error({ err: error }, 'event stream failed');
        raw.write(
          sseText({
            event: 'error',
            data: { code: 'internal_error', message: 'The event stream failed.' },
          }),
        );
      } finally {
        openStreams.delete(closed);
        await frames.return(undefined);
        raw.end();
      }
    },
  );
}

/**
 * Takes the reply over from Fastify and sends the event-stream head at once, with the headers the
 * hooks set so far (CORS, security, request id).
 */
function startEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    ...(reply.getHeaders() as Record<string, string>),
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    // Proxies such as nginx would otherwise buffer the stream.
    'X-Accel-Buffering': 'no',
  });
  raw.flushHeaders();
  return raw;
}

/** Writes the frame already read, then each next one until the stream ends or the client leaves. */
async function writeFrames(
  raw: ServerResponse,
  first: IteratorResult<SseFrame>,
  frames: AsyncIterator<SseFrame>,
  closed: AbortSignal,
): Promise<void> {
  if (!first.done) raw.write(sseText(first.value));
  for await (const frame of { [Symbol.asyncIterator]: () => frames }) {
    if (closed.aborted) break;
    raw.write(sseText(frame));
  }
}

function registerCancel(app: RouteApp, { aiResponses, hooks, quota }: AiResponseRouteDeps) {
  app.post(
    '/cv/ai-responses/:id/cancel/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Cancel an AI response',
        description:
          'A queued or running job stops; canceling a canceled response changes nothing. 409 once it finished.',
        params: IdParamsSchema,
        response: { 200: AiResponseSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) => {
      const canceled = await aiResponses.cancel(
        currentUser(request).user.id,
        parseId(request.params.id, NOT_FOUND),
      );
      // A canceled response is not charged to the quota.
      if (canceled.status === 'canceled') await quota.refund('ai_responses', aiResponseQuotaRef(canceled.id));
      return canceled;
    },
  );
}

function registerGeneratePdf(app: RouteApp, { aiResponses, hooks }: AiResponseRouteDeps) {
  app.post(
    '/cv/ai-responses/:id/generate-pdf/',
    {
      preHandler: hooks.requireUser,
      schema: {
        tags,
        security,
        summary: 'Render the improved CV as a PDF',
        description:
          'Stores the PDF as a document of its own (the uploaded CV is never touched) and returns its download URL. 409 unless the response succeeded.',
        params: IdParamsSchema,
        response: { 200: PdfUrlSchema, ...errorResponses(401, 404, 409) },
      },
    },
    async (request) =>
      aiResponses.generatePdf(currentUser(request).user.id, parseId(request.params.id, NOT_FOUND)),
  );
}
