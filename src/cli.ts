// `cvimprover <command>`: operator commands. Each opens the configured database, does one thing,
// prints what it did, and exits non-zero with a clear message when it cannot.
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import * as authRepo from './auth/auth.repository.ts';
import { EmailSchema, UsernameSchema } from './auth/auth.schemas.ts';
import { checkPasswordRules, hashPassword } from './auth/passwords.ts';
import { FREE_PLAN_SLUG } from './billing/plans.catalog.ts';
import { findPlanBySlug, seedPlans } from './billing/plans.repository.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { type Database, openDatabase } from './platform/db/database.ts';

const HELP = `Usage: cvimprover <command> [options]

Commands:
  migrate                      Apply database migrations
  seed-plans [--update]        Create the four plans; --update also resets existing ones to the defaults
  create-superuser             Create a staff user
      --username NAME --email EMAIL [--password P | env CVIMPROVER_SUPERUSER_PASSWORD]
      [--no-input]             Fail instead of prompting for missing values
  help                         Show this help

The database is the one configured by DATABASE_URL (PostgreSQL) or DATA_DIR (embedded PGlite).`;

class UsageError extends Error {}

async function withDatabase<T>(run: (database: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config.db);
  try {
    return await run(database);
  } finally {
    await database.close();
  }
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
  const username = UsernameSchema.safeParse(await need(values.username, 'username'));
  if (!username.success) throw new UsageError(`username: ${username.error.issues[0]?.message}`);
  const email = EmailSchema.safeParse(await need(values.email, 'email'));
  if (!email.success) throw new UsageError(`email: ${email.error.issues[0]?.message}`);
  const password = await need(values.password ?? process.env.CVIMPROVER_SUPERUSER_PASSWORD, 'password', true);
  const problems = checkPasswordRules(password, { username: username.data, email: email.data });
  if (problems.length > 0) throw new UsageError(`password: ${problems.join(' ')}`);

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
        await withDatabase(async (database) => {
          await database.migrate();
          console.log(`Migrations applied (${database.kind}).`);
        });
        return 0;
      case 'seed-plans': {
        const { values } = parseArgs({
          args: rest,
          options: { update: { type: 'boolean', default: false } },
        });
        await withDatabase(async (database) => {
          const result = await seedPlans(database.db, { update: values.update });
          console.log(
            `Plans created: ${result.created.join(', ') || 'none'}; updated: ${result.updated.join(', ') || 'none'}; unchanged: ${result.unchanged.join(', ') || 'none'}.`,
          );
        });
        return 0;
      }
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
    if (error instanceof UsageError || error instanceof ConfigError) {
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
}

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
