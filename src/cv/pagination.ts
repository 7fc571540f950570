// Page-number pagination in the shape Django REST framework answers: {count, next, previous,
// results}, where next and previous are full URLs of the neighbouring pages or null.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../platform/errors.ts';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 100;

export const PageQuerySchema = z.object({
  page: z.coerce
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
    .max(1_000_000, { error: 'Ensure this value is less than or equal to 1000000.' })
    .default(1),
  page_size: z.coerce
    .number({ error: 'A valid integer is required.' })
    .int({ error: 'A valid integer is required.' })
    .min(1, { error: 'Ensure this value is greater than or equal to 1.' })
    .max(MAX_PAGE_SIZE, { error: `Ensure this value is less than or equal to ${MAX_PAGE_SIZE}.` })
    .default(DEFAULT_PAGE_SIZE),
});

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  count: number;
  results: T[];
}

export function pageSchema<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      count: z.number().int(),
      next: z.string().nullable(),
      previous: z.string().nullable(),
      results: z.array(item),
    })
    .meta({ id });
}

/** Offset of a page; a page past the end is a 404, as in DRF ("Invalid page."). */
export function pageOffset({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

export function assertPageExists({ page, pageSize }: PageRequest, count: number): void {
  const last = Math.max(1, Math.ceil(count / pageSize));
  if (page > last) throw notFound('Invalid page.');
}

/** The response body, with links built from the request's own URL. */
export function paginated<T>(request: FastifyRequest, pageRequest: PageRequest, page: Page<T>) {
  const last = Math.max(1, Math.ceil(page.count / pageRequest.pageSize));
  const link = (target: number) => {
    const url = new URL(request.url, `${request.protocol}://${request.host}`);
    if (target === 1) url.searchParams.delete('page');
    else url.searchParams.set('page', String(target));
    return url.toString();
  };
  return {
    count: page.count,
    next: pageRequest.page < last ? link(pageRequest.page + 1) : null,
    previous: pageRequest.page > 1 ? link(pageRequest.page - 1) : null,
    results: page.results,
  };
}

const MAX_ID = 2_147_483_647;

/**
 * Ids in paths are serial integers. Anything else ("abc", "1.5", a number past the column's
 * range) names no object: 404, the same answer as an id that does not exist.
 */
export function parseId(raw: string, message = 'Not found.'): number {
  if (!/^\d{1,10}$/.test(raw)) throw notFound(message);
  const id = Number(raw);
  if (id < 1 || id > MAX_ID) throw notFound(message);
  return id;
}
