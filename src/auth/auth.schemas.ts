import { z } from 'zod';
import { PlanSchema } from '../billing/plans.schemas.ts';
import { newPasswordErrors } from './passwords.ts';

const USERNAME_RULE = /^[\w.@+-]+$/u;

export const UsernameSchema = z
  .string({ error: 'This field is required.' })
  .trim()
  .min(1, { error: 'This field may not be blank.' })
  .max(150, { error: 'Ensure this field has no more than 150 characters.' })
  .regex(USERNAME_RULE, {
    error: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  });

export const EmailSchema = z
  .string({ error: 'This field is required.' })
  .trim()
  .max(254, { error: 'Ensure this field has no more than 254 characters.' })
  .pipe(z.email({ error: 'Enter a valid email address.' }))
  .transform((v) => v.toLowerCase());

const PasswordSchema = z
  .string({ error: 'This field is required.' })
  .min(1, { error: 'This field may not be blank.' })
  .max(4096, { error: 'Ensure this field has no more than 4096 characters.' });

const NameSchema = z
  .string()
  .trim()
  .max(150, { error: 'Ensure this field has no more than 150 characters.' });

export const UserSchema = z
  .object({
    pk: z.number().int(),
    username: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    date_of_birth: z.iso.date().nullable(),
    email_verified: z.boolean(),
    plan: PlanSchema.nullable(),
    stripe_subscription_id: z.string().nullable(),
    stripe_subscription_status: z.string().nullable(),
    stripe_customer_id: z.string().nullable(),
    subscription_renewal_date: z.string().nullable().describe('ISO-8601 UTC'),
    subscription_interval: z.string().nullable(),
  })
  .meta({ id: 'User' });

export const TokenPairSchema = z.object({
  access: z.string().describe('Bearer access token (JWT)'),
  refresh: z.string().describe('Opaque refresh token; also set as an httpOnly cookie'),
  access_expiration: z.string().describe('ISO-8601 UTC'),
  refresh_expiration: z.string().describe('ISO-8601 UTC'),
});

export const TokensAndUserSchema = TokenPairSchema.extend({ user: UserSchema }).meta({ id: 'TokensAndUser' });

export const RegistrationSchema = z
  .object({
    username: UsernameSchema,
    email: EmailSchema,
    password1: PasswordSchema,
    password2: PasswordSchema,
    first_name: NameSchema.optional(),
    last_name: NameSchema.optional(),
  })
  .strict()
  // Checked even when other fields are invalid, so one answer lists every problem of the form.
  .superRefine(
    (body, ctx) => {
      // Other fields may be unparsed here (that is the point): only strings describe the user.
      const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const errors = newPasswordErrors(
        body.password1,
        body.password2,
        {
          username: text(body.username),
          email: text(body.email),
          firstName: text(body.first_name),
          lastName: text(body.last_name),
        },
        ['password1', 'password2'],
      );
      for (const [field, messages] of Object.entries(errors))
        for (const message of messages) ctx.addIssue({ code: 'custom', path: [field], message });
    },
    {
      when: ({ value }) => {
        const body = value as { password1?: unknown; password2?: unknown } | undefined;
        return typeof body?.password1 === 'string' && typeof body.password2 === 'string';
      },
    },
  )
  .meta({
    example: {
      username: 'ann',
      email: 'ann@example.com',
      password1: 'Blue-Harbor-42',
      password2: 'Blue-Harbor-42',
      first_name: 'Ann',
      last_name: 'Lee',
    },
  });

export const RegistrationPendingSchema = z.object({ detail: z.string(), user: UserSchema }).meta({
  id: 'RegistrationPending',
  description: 'When email verification is mandatory: no tokens until verified',
});

export const LoginSchema = z
  .object({
    username: z.string().trim().max(254).optional(),
    email: z.string().trim().max(254).optional(),
    password: PasswordSchema,
  })
  .strict()
  .refine((v) => Boolean(v.username || v.email), {
    error: 'Must include "username" or "email".',
    path: ['non_field_errors'],
  })
  .meta({ example: { email: 'ann@example.com', password: 'Blue-Harbor-42' } });

/** Optional as a whole: a browser sends no body and the refresh cookie instead. */
export const RefreshBodySchema = z
  .object({ refresh: z.string().max(512).optional() })
  .strict()
  .nullish()
  .meta({ example: { refresh: '<the refresh token from sign-in; or no body, and the cookie>' } });
export const VerifyBodySchema = z
  .object({ token: z.string({ error: 'This field is required.' }).max(4096) })
  .strict()
  .meta({ example: { token: '<an access token>' } });

export const UserUpdateSchema = z
  .object({
    username: UsernameSchema,
    email: EmailSchema,
    first_name: NameSchema,
    last_name: NameSchema,
    date_of_birth: z.iso.date({ error: 'Date has wrong format. Use YYYY-MM-DD.' }).nullable(),
  })
  .strict()
  .meta({
    example: {
      username: 'ann',
      email: 'ann@example.com',
      first_name: 'Ann',
      last_name: 'Lee',
      date_of_birth: '1990-04-12',
    },
  });

export const UserPatchSchema = UserUpdateSchema.partial().meta({ example: { first_name: 'Annie' } });

export const PasswordChangeSchema = z
  .object({ old_password: PasswordSchema, new_password1: PasswordSchema, new_password2: PasswordSchema })
  .strict()
  .meta({
    example: {
      old_password: 'Blue-Harbor-42',
      new_password1: 'Green-Valley-77',
      new_password2: 'Green-Valley-77',
    },
  });

const EMAIL_EXAMPLE = { example: { email: 'ann@example.com' } };

export const PasswordResetSchema = z.object({ email: EmailSchema }).strict().meta(EMAIL_EXAMPLE);

export const PasswordResetConfirmSchema = z
  .object({
    uid: z.string({ error: 'This field is required.' }).max(64),
    token: z.string({ error: 'This field is required.' }).max(256),
    new_password1: PasswordSchema,
    new_password2: PasswordSchema,
  })
  .strict()
  .meta({
    example: {
      uid: '<uid from the reset link>',
      token: '<token from the reset link>',
      new_password1: 'Green-Valley-77',
      new_password2: 'Green-Valley-77',
    },
  });

export const VerifyEmailSchema = z
  .object({ key: z.string({ error: 'This field is required.' }).max(256) })
  .strict()
  .meta({ example: { key: '<key from the verification link>' } });
export const ResendEmailSchema = z.object({ email: EmailSchema }).strict().meta(EMAIL_EXAMPLE);

export const GoogleLoginSchema = z
  .object({
    id_token: z.string().max(8192).optional(),
    access_token: z.string().max(8192).optional().describe('Accepted for compatibility; ignored'),
    code: z.string().max(2048).optional(),
    code_verifier: z.string().max(256).optional(),
    redirect_uri: z.url().optional(),
  })
  .strict()
  .refine((v) => Boolean(v.id_token || v.code), {
    error: 'Send an "id_token" or an authorization "code".',
    path: ['non_field_errors'],
  })
  .meta({ example: { id_token: "<the ID token from Google's sign-in>" } });

export const GoogleSignInSettingsSchema = z
  .object({
    enabled: z
      .boolean()
      .describe(
        'Whether the authorization-code flow works here: GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are both set',
      ),
    client_id: z
      .string()
      .nullable()
      .describe(
        "This server's Google OAuth client id (public by design); null when Google is not configured",
      ),
    authorization_url: z.url().describe("Google's authorization endpoint, where a client sends the browser"),
  })
  .meta({
    id: 'GoogleSignInSettings',
    example: {
      enabled: true,
      client_id: '1234567890-abc.apps.googleusercontent.com',
      authorization_url: 'https://accounts.google.com/o/oauth2/v2/auth',
    },
  });

export const DetailSchema = z.object({ detail: z.string() }).meta({ id: 'Detail' });

export type User = z.infer<typeof UserSchema>;
export type TokensAndUser = z.infer<typeof TokensAndUserSchema>;
export type GoogleSignInSettings = z.infer<typeof GoogleSignInSettingsSchema>;
