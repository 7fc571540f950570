/** The longest a request may ask to wait with `Prefer: wait=N`. */
export const MAX_WAIT_SECONDS = 60;

/** `Prefer: wait=N` (RFC 7240), capped at MAX_WAIT_SECONDS; 0 when absent or malformed. */
export function preferredWait(header: string | undefined): number {
  const match = /(?:^|[,;\s])wait\s*=\s*"?(\d{1,6})"?/i.exec(header ?? '');
  return match?.[1] ? Math.min(Number(match[1]), MAX_WAIT_SECONDS) : 0;
}
