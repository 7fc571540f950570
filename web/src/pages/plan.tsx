// Plans and usage: what each plan allows, what the person used of theirs and when it frees up,
// and the buttons to Stripe Checkout and the billing portal (which say so when billing is off).
import { useRef, useState } from 'preact/hooks';
import { ApiError, api } from '../api/client.ts';
import type { LimitsStatus, Plan, Price } from '../api/types.ts';
import { useSession } from '../components/session.tsx';
import { Busy, ErrorNotice, formatDate, Notice, Title, useLoad } from '../components/ui.tsx';
import { useI18n } from '../i18n/context.tsx';
import type { MessageKey } from '../i18n/i18n.ts';
import { Link, useLocation } from '../router.tsx';

const SCOPES: Array<[string, MessageKey]> = [
  ['ai_responses', 'plan.scope.ai_responses'],
  ['questionnaires', 'plan.scope.questionnaires'],
  ['uploads', 'plan.scope.uploads'],
  ['api_calls', 'plan.scope.api_calls'],
  ['burst', 'plan.scope.burst'],
];

const LIMITS: Array<[string, MessageKey]> = [
  ['ai_responses_per_day', 'plan.limit.ai_responses_per_day'],
  ['questionnaires_per_day', 'plan.limit.questionnaires_per_day'],
  ['uploads_per_day', 'plan.limit.uploads_per_day'],
  ['api_calls_per_hour', 'plan.limit.api_calls_per_hour'],
];

function money(lang: string, price: Price): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: price.currency.toUpperCase() }).format(
    price.amount,
  );
}

/** Billing answers 503 when Stripe is not configured: that is a fact of this server, not an error. */
function isBillingOff(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503;
}

export function PlanPage() {
  const { t, lang } = useI18n();
  const session = useSession();
  const { search } = useLocation();
  const plans = useLoad((signal) => api<Plan[]>('/core/plans/', { signal }), []);
  const usage = useLoad((signal) => api<LimitsStatus>('/core/rate-limits/status/', { signal }), []);
  const [billingError, setBillingError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // Where billing's answer is shown: brought into view, as the button may be far below it.
  const billingNotice = useRef<HTMLDivElement>(null);

  const go = async (key: string, path: string, body: unknown) => {
    setBusy(key);
    setBillingError(null);
    try {
      const { url } = await api<{ url: string }>(path, { method: 'POST', json: body });
      window.location.assign(url);
    } catch (failure) {
      setBillingError(failure);
      setBusy(null);
      requestAnimationFrame(() => billingNotice.current?.scrollIntoView({ block: 'center' }));
    }
  };
  const current = plans.data?.find((p) => p.is_current);
  const user = session.user;
  return (
    <section class="stack">
      <Title text={t('plan.title')} />
      {search.get('checkout') === 'cancelled' && (
        <Notice kind="info">
          <p>{t('plan.checkoutCancelled')}</p>
        </Notice>
      )}
      <section>
        <h2>{t('plan.usage')}</h2>
        {usage.loading && !usage.data ? (
          <Busy label={t('common.loading')} />
        ) : !usage.data ? (
          <ErrorNotice error={usage.error} />
        ) : (
          <>
            <p>
              {t('plan.yourPlan', { plan: usage.data.user.plan ?? current?.name ?? '—' })}
              {user?.subscription_renewal_date
                ? ` · ${t('plan.renews', { date: formatDate(lang, user.subscription_renewal_date, false) })}`
                : ''}
            </p>
            <ul class="usage">
              {SCOPES.map(([scope, label]) => {
                const s = usage.data?.rate_limits[scope];
                if (!s) return null;
                return (
                  <li key={scope} class={`usage-${s.status}`}>
                    <div class="usage-head">
                      <span id={`usage-${scope}`}>{t(label)}</span>
                      <span>{t('plan.used', { used: s.used, limit: s.limit })}</span>
                    </div>
                    <progress
                      aria-labelledby={`usage-${scope}`}
                      max={s.limit}
                      value={Math.min(s.used, s.limit)}
                    />
                    {s.used > 0 && s.reset_at && (
                      <p class="meta">{t('plan.frees', { date: formatDate(lang, s.reset_at) })}</p>
                    )}
                  </li>
                );
              })}
            </ul>
            {usage.data.upgrade_recommendation.should_upgrade && (
              <Notice kind="warning">
                <p>{usage.data.upgrade_recommendation.reason}</p>
              </Notice>
            )}
          </>
        )}
      </section>
      <section>
        <h2>{t('plan.plans')}</h2>
        <div ref={billingNotice}>
          {isBillingOff(billingError) ? (
            <Notice kind="info">
              <p>{t('plan.billingOff')}</p>
            </Notice>
          ) : (
            <ErrorNotice error={billingError} />
          )}
        </div>
        {plans.loading && !plans.data ? (
          <Busy label={t('common.loading')} />
        ) : !plans.data ? (
          <ErrorNotice error={plans.error} />
        ) : (
          <ul class="plans">
            {plans.data.map((plan) => (
              <li key={plan.id} class={`panel plan${plan.is_current ? ' plan-current' : ''}`}>
                <h3>
                  {plan.name}{' '}
                  {plan.is_current && <span class="badge badge-covered">{t('plan.current')}</span>}
                </h3>
                <p>{plan.description}</p>
                <p class="price">
                  {plan.monthly_price
                    ? t('plan.perMonth', { price: money(lang, plan.monthly_price) })
                    : t('plan.free')}
                  {plan.yearly_price
                    ? ` · ${t('plan.perYear', { price: money(lang, plan.yearly_price) })}`
                    : ''}
                </p>
                <ul class="limits">
                  {LIMITS.map(([key, label]) => (
                    <li key={key}>{t(label, { count: plan.limits[key] ?? 0 })}</li>
                  ))}
                </ul>
                {!plan.is_current && (plan.monthly_price || plan.yearly_price) && (
                  <div class="actions">
                    {plan.monthly_price && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() =>
                          go(`${plan.id}-m`, '/core/payments/create-checkout-session/', {
                            plan_id: plan.id,
                            billing: 'monthly',
                          })
                        }
                      >
                        {t('plan.upgradeMonthly', { plan: plan.name })}
                      </button>
                    )}
                    {plan.yearly_price && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        onClick={() =>
                          go(`${plan.id}-y`, '/core/payments/create-checkout-session/', {
                            plan_id: plan.id,
                            billing: 'yearly',
                          })
                        }
                      >
                        {t('plan.upgradeYearly', { plan: plan.name })}
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h2>{t('plan.manage')}</h2>
        <p>{t('plan.manageIntro')}</p>
        <button
          type="button"
          disabled={busy !== null}
          onClick={() => go('portal', '/core/billing/portal/', {})}
        >
          {t('plan.manageButton')}
        </button>
      </section>
    </section>
  );
}

export function PaymentSuccess() {
  const { t } = useI18n();
  const { search } = useLocation();
  const sessionId = search.get('session_id') ?? '';
  const result = useLoad(
    (signal) =>
      api<{ success: boolean; subscription?: { plan_name: string | null } }>(
        `/core/payments/verify-session/?session_id=${encodeURIComponent(sessionId)}`,
        { signal },
      ),
    [sessionId],
  );
  return (
    <section class="narrow">
      <Title text={t('payment.title')} />
      {result.loading ? (
        <Busy label={t('common.loading')} />
      ) : result.data?.success ? (
        <Notice kind="success">
          <p>{t('payment.done', { plan: result.data.subscription?.plan_name ?? '' })}</p>
        </Notice>
      ) : result.data ? (
        <Notice kind="warning">
          <p>{t('payment.pending')}</p>
        </Notice>
      ) : (
        <ErrorNotice error={result.error} />
      )}
      <p>
        <Link href="/plan">{t('nav.plan')}</Link>
      </p>
    </section>
  );
}
