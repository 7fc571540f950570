// `cvimprover <command>`: operator commands. Each opens the configured database, does one thing,
// prints what it did, and exits non-zero with a clear message when it cannot. A command starts no
// queue, no HTTP app and no warm-up, and runs no migration unless it is `migrate`.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type CommandContext, CommandUsageError } from './platform/command.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import { speedUpModuleLoading } from './platform/fast-start.ts';
import { createProgress } from './platform/progress.ts';

// Each command loads the modules it uses by `import()` inside it, so `help` or a mistyped flag
// loads no database layer, argon2 binding or Redis client. This goes first so that it applies to
// every one of those imports.
speedUpModuleLoading();

const HELP = `Usage: cvimprover <command> [options]

Commands:
  migrate                      Apply database migrations
  seed-plans [--update]        Create the four plans; --update also resets existing ones to the defaults
  create-superuser             Create a staff user
      --username NAME --email EMAIL [--password P | env CVIMPROVER_SUPERUSER_PASSWORD]
      [--no-input]             Fail instead of prompting for missing values
  rate-limits status|reset --user U [--scope S]
                               A user's usage per scope, or forget it (U: id, username or email;
                               S: ai_responses, questionnaires, uploads, api_calls, burst)
  rate-limits block-ip --ip A [--duration M]   Block an address (default IP_BLOCK_MINUTES)
  rate-limits unblock-ip --ip A
  rate-limits list-blocked     Addresses blocked now, by an operator or automatically
  cleanup --days N [--dry-run] [--force] [--files]
                               Remove AI responses older than N days (--files: and orphaned
                               documents). Asks first in a terminal; elsewhere needs --force.
                               --dry-run only counts.
  create-test-data [--count N] Users (default 5) with questionnaires and AI responses, for development
  help                         Show this help

The database is the one configured by DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite).`;

class UsageError extends Error {}

/** Shows what a command is doing while it takes time (on stderr; stdout keeps the result). */
const progress = createProgress();

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // Starting the embedded database takes a few seconds: say so, instead of a silent pause.
  progress.step(
    config.db.kind === 'postgres'
      ? 'Connecting to PostgreSQL…'
      : `Opening the embedded database in ${config.db.dataDir}…`,
  );
  // Cleared whether it opens or fails, so an error message starts on a line of its own.
  const database = await import('./platform/db/database.ts')
    .then(({ openDatabase }) => openDatabase(config.db))
    .finally(() => progress.clear());
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

async function withCommandContext(run: (ctx: CommandContext) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const [{ createLogger }, { systemClock }] = await Promise.all([
    import('./platform/logger.ts'),
    import('./platform/clock.ts'),
  ]);
  const logger = createLogger(
    config.logLevel === 'info' ? 'warn' : config.logLevel,
    undefined,
    config.logFormat,
  );
  return withDatabase(async ({ db }) => {
    try {
      return await run({
        db,
        config,
        clock: systemClock,
        logger,
        out: process.stdout,
        err: process.stderr,
        stdin: process.stdin,
      });
    } catch (error) {
      if (error instanceof CommandUsageError) throw new UsageError(error.message);
      throw error;
    }
  });
}

async function ask(question: string, hidden = false): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  if (hidden && process.stdin.isTTY) {
    // Echo nothing while the password is typed.
    const output = process.stdout;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.includes(question)) output.write(s);
    };
  }
  try {
    const answer = await rl.question(question);
    if (hidden) process.stdout.write('\n');
    return answer.trim();
  } finally {
    rl.close();
  }
}

async function createSuperuser(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      username: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
      'no-input': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const interactive = !values['no-input'] && process.stdin.isTTY;
  const need = async (value: string | undefined, label: string, hidden = false) => {
    if (value) return value;
    if (!interactive) throw new UsageError(`--${label} is required (or run in a terminal to be asked).`);
    return ask(`${label[0]?.toUpperCase()}${label.slice(1)}: `, hidden);
  };
  const { EmailSchema, UsernameSchema } = await import('./auth/auth.schemas.ts');
  const { checkPasswordRules, hashPassword } = await import('./auth/passwords.ts');
  const username = UsernameSchema.safeParse(await need(values.username, 'username'));
  if (!username.success) throw new UsageError(`username: ${username.error.issues[0]?.message}`);
  const email = EmailSchema.safeParse(await need(values.email, 'email'));
  if (!email.success) throw new UsageError(`email: ${email.error.issues[0]?.message}`);
  const password = await need(values.password ?? process.env.CVIMPROVER_SUPERUSER_PASSWORD, 'password', true);
  const problems = checkPasswordRules(password, { username: username.data, email: email.data });
  if (problems.length > 0) throw new UsageError(`password: ${problems.join(' ')}`);

  const [authRepo, { FREE_PLAN_SLUG }, { findPlanBySlug, seedPlans }] = await Promise.all([
    import('./auth/auth.repository.ts'),
    import('./billing/plans.catalog.ts'),
    import('./billing/plans.repository.ts'),
  ]);
  await withDatabase(async ({ db }) => {
    if (await authRepo.isUsernameTaken(db, username.data))
      throw new UsageError(`A user named "${username.data}" already exists.`);
    if (await authRepo.isEmailTaken(db, email.data))
      throw new UsageError(`A user with email ${email.data} already exists.`);
    await seedPlans(db);
    const plan = await findPlanBySlug(db, FREE_PLAN_SLUG);
    const user = await authRepo.insertUser(db, {
      username: username.data,
      email: email.data,
      passwordHash: await hashPassword(password),
      isStaff: true,
      emailVerified: true,
      planId: plan?.id ?? null,
    });
    console.log(`Superuser "${user.username}" created (id ${user.id}).`);
  });
}

export async function runCli(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'migrate':
        return await runMigrate();
      case 'seed-plans':
        return await runSeedPlans(rest);
      case 'rate-limits':
        return await runRateLimits(rest);
      case 'cleanup':
        return await runCleanup(rest);
      case 'create-test-data':
        return await runCreateTestData(rest);
      case 'create-superuser':
        await createSuperuser(rest);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${HELP}`);
    }
  } catch (error) {
    return reportFailure(error);
  }
}

/** Prints why a command failed; a mistake in how it was called exits 2, anything else 1. */
function reportFailure(error: unknown): number {
  if (error instanceof UsageError || error instanceof CommandUsageError || error instanceof ConfigError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\n\n${HELP}`);
    return 2;
  }
  console.error(error instanceof Error ? error.message : String(error));
  return 1;
}

async function runMigrate(): Promise<number> {
  await withDatabase(async (database) => {
    progress.step('Applying migrations…');
    await database.migrate().finally(() => progress.clear());
    console.log(`Migrations applied (${database.kind}).`);
  });
  return 0;
}

async function runSeedPlans(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { update: { type: 'boolean', default: false } },
  });
  const { seedPlans } = await import('./billing/plans.repository.ts');
  await withDatabase(async (database) => {
    const result = await seedPlans(database.db, { update: values.update });
    console.log(
      `Plans created: ${result.created.join(', ') || 'none'}; updated: ${result.updated.join(', ') || 'none'}; unchanged: ${result.unchanged.join(', ') || 'none'}.`,
    );
  });
  return 0;
}

async function runRateLimits(rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  const { values } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      scope: { type: 'string' },
      ip: { type: 'string' },
      duration: { type: 'string' },
    },
    strict: true,
  });
  const { rateLimitsCommand } = await import('./limits/limits.commands.ts');
  return await withCommandContext((ctx) => rateLimitsCommand(ctx, action, values));
}

async function runCleanup(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      days: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      files: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const { cleanupCommand, cleanupDays } = await import('./retention/cleanup.commands.ts');
  // Checked before the database opens: a mistyped --days creates no data folder.
  cleanupDays(values);
  return await withCommandContext((ctx) => cleanupCommand(ctx, values));
}

async function runCreateTestData(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { count: { type: 'string', default: '5' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new UsageError('--count must be a whole number from 1 to 1000.');
  const { createTestData, TEST_DATA_PASSWORD } = await import('./dev/test-data.ts');
  await withDatabase(async ({ db }) => {
    const users = await createTestData(db, {
      count,
      now: new Date(),
      onProgress: (done) => progress.count('users', done, count),
    }).finally(() => progress.clear());
    for (const user of users) console.log(`${user.username} (${user.plan})`);
    console.log(
      `${users.length} users created, each with 2 questionnaires and 4 AI responses; password ${TEST_DATA_PASSWORD}.`,
    );
  });
  return 0;
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
