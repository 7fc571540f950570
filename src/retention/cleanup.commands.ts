// `cvimprover cleanup`, called by src/cli.ts with an open database. It prints to the given streams
// and returns an exit code; a bad argument throws CommandUsageError (exit 2).
import { createInterface } from 'node:readline/promises';
import {
  type CommandContext,
  CommandUsageError,
  parsePositiveInt,
  printLine as print,
} from '../platform/command.ts';
import { createProgress } from '../platform/progress.ts';
import { planCleanup, runCleanup } from './cleanup.service.ts';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Asks in a terminal; with nobody to ask, refuses rather than delete unconfirmed. */
async function confirmRemoval(ctx: CommandContext, what: string): Promise<boolean> {
  if (!ctx.stdin.isTTY) {
    throw new CommandUsageError(`Would remove ${what}. Not a terminal, so nobody can confirm: add --force.`);
  }
  const rl = createInterface({ input: ctx.stdin, output: ctx.err });
  const answer = (await rl.question(`Remove ${what}? [y/N] `)).trim().toLowerCase();
  rl.close();
  return answer === 'y' || answer === 'yes';
}

export interface CleanupFlags {
  days?: string | undefined;
  'dry-run'?: boolean | undefined;
  force?: boolean | undefined;
  files?: boolean | undefined;
}

/** The `--days` of a cleanup, checked before anything is opened: a typo creates no data folder. */
export function cleanupDays(values: CleanupFlags): number {
  if (values.days === undefined)
    throw new CommandUsageError('--days is required (remove AI responses older than N days).');
  return parsePositiveInt(values.days, 'days', 30, 36_500);
}

/**
 * `cleanup --days N [--dry-run] [--force] [--files]`. Safe by default: it asks before deleting
 * when run in a terminal, and refuses to delete without --force when nobody can be asked.
 */
export async function cleanupCommand(ctx: CommandContext, values: CleanupFlags): Promise<number> {
  const days = cleanupDays(values);
  const files = values.files === true;
  const now = ctx.clock.now();
  const plan = await planCleanup(ctx.db, { days, files, now });
  const what =
    `${plan.aiResponses} AI responses older than ${days} days` +
    (files ? `, ${plan.documents} orphaned documents (${formatBytes(plan.documentBytes)})` : '') +
    `, ${plan.quotaEvents} expired quota events`;
  if (values['dry-run']) {
    print(ctx.out, `Dry run: would remove ${what}. Nothing was changed.`);
    if (files) print(ctx.out, 'PDFs of the removed responses become orphans and go in the same run.');
    return 0;
  }
  if (plan.aiResponses + plan.documents + plan.quotaEvents === 0) {
    print(ctx.out, 'Nothing to remove.');
    return 0;
  }
  if (!values.force && !(await confirmRemoval(ctx, what))) {
    print(ctx.out, 'Nothing removed.');
    return 1;
  }
  const summary = await runCleanup(ctx.db, {
    days,
    dryRun: false,
    files,
    now,
    onProgress: createProgress(ctx.err).count,
  });
  print(
    ctx.out,
    `Removed ${summary.aiResponses} AI responses` +
      (files ? `, ${summary.documents} orphaned documents (${formatBytes(summary.documentBytes)})` : '') +
      `, ${summary.quotaEvents} expired quota events, ${summary.expiredBlocks} expired address blocks.`,
  );
  return 0;
}
