import type { AdminGateway, GatewayInfo, GatewayUpdateInputSchema } from '@portico/sdk/contract';
import type { Logger } from 'pino';
import type * as z from 'zod';
import type { Config } from '../../../config.js';
import type { Clock } from '../../../deps.js';
import { HttpError } from '../../../http/problem.js';
import { Sealer } from '../../auth/seal.js';
import { GATEWAY_IDS, type GatewayId, type GatewaySettings, type Settings } from '../../settings/settings.js';
import type { GatewayRegistry, PaymentGateway, WebhookVerifier } from './gateway.js';
import { StripeGateway, type StripeGatewayOptions } from './stripe-gateway.js';
import { StripeWebhookVerifier } from './stripe-signature.js';
import { TestGateway } from './test-gateway.js';

export interface GatewayDeps {
  settings: Settings;
  config: Pick<Config, 'mode' | 'secret' | 'publicUrl'>;
  clock: Clock;
  logger?: Logger;
  /** Options for the Stripe-compatible client (tests: a short timeout, another fetch). */
  stripe?: Pick<StripeGatewayOptions, 'timeoutMs' | 'fetch'>;
}

/** The staff side of the gateways: their settings, secrets never included. */
export interface GatewayAdmin {
  adminList(): AdminGateway[];
  /** Changes one gateway's settings; secrets are sealed before they are stored. 404 for an unknown id. */
  adminUpdate(id: string, input: z.output<typeof GatewayUpdateInputSchema>): Promise<AdminGateway>;
}

const isGatewayId = (id: string): id is GatewayId => (GATEWAY_IDS as readonly string[]).includes(id);

/**
 * The gateways as the settings have them, rebuilt on every call so a change in the console applies at once.
 * `test` is never offered in production (it marks invoices paid with made-up cards); `manual` is offline (staff
 * record the payment); `stripe` needs its API base and secret key, and its webhooks need the webhook secret.
 */
export function createGateways(deps: GatewayDeps): GatewayRegistry & GatewayAdmin {
  const sealer = new Sealer(deps.config.secret, 'gateway');
  const production = deps.config.mode === 'production';
  const current = () => deps.settings.current.gateways;

  const open = (sealed: string | null): string | undefined => {
    if (!sealed) return undefined;
    try {
      return sealer.open(sealed).toString('utf8');
    } catch (error) {
      // Sealed under another server secret: the gateway counts as not configured until the secret is set again.
      deps.logger?.warn({ err: error }, 'cannot open a gateway secret; set it again in the console');
      return undefined;
    }
  };

  const build = (id: string): PaymentGateway | undefined => {
    if (id === 'test') return production ? undefined : new TestGateway(deps.clock);
    if (id !== 'stripe') return undefined;
    const settings = current().stripe;
    const secretKey = open(settings.secretKeySealed);
    if (!settings.apiBase || !secretKey) return undefined;
    return new StripeGateway({
      apiBase: settings.apiBase,
      secretKey,
      publishableKey: settings.publishableKey,
      jsUrl: settings.jsUrl,
      ...deps.stripe,
    });
  };

  /** Whether payers may use the gateway now (the test gateway never in production). */
  const enabled = (id: GatewayId): boolean => current()[id].enabled && !(id === 'test' && production);

  const adminView = (id: GatewayId, settings: GatewaySettings): AdminGateway => ({
    id,
    enabled: enabled(id),
    name: settings.name,
    instructions: settings.instructions,
    apiBase: settings.apiBase,
    publishableKey: settings.publishableKey,
    jsUrl: settings.jsUrl,
    secretKeySet: settings.secretKeySealed !== null,
    webhookSecretSet: settings.webhookSecretSealed !== null,
    webhookUrl: id === 'stripe' ? `${deps.config.publicUrl}/api/v1/billing/webhooks/stripe` : null,
  });

  return {
    online(id) {
      if (!isGatewayId(id) || !enabled(id)) return undefined;
      return build(id);
    },

    any: build,

    webhooks(id): WebhookVerifier | undefined {
      if (id !== 'stripe') return undefined;
      const secret = open(current().stripe.webhookSecretSealed);
      return secret ? new StripeWebhookVerifier(secret) : undefined;
    },

    info() {
      const gateways = current();
      const info: GatewayInfo[] = [];
      for (const id of GATEWAY_IDS) {
        if (!enabled(id)) continue;
        const { name, instructions } = gateways[id];
        if (id === 'manual') {
          info.push({ id, name, kind: 'offline', instructions, testMode: false });
        } else if (build(id)) {
          info.push({ id, name, kind: 'card', instructions, testMode: id === 'test' });
        }
      }
      return info;
    },

    adminList() {
      const gateways = current();
      return GATEWAY_IDS.map((id) => adminView(id, gateways[id]));
    },

    async adminUpdate(id, input) {
      if (!isGatewayId(id)) throw new HttpError(404, 'NOT_FOUND', `No payment gateway "${id}"`);
      const gateways = current();
      const before = gateways[id];
      const next: GatewaySettings = {
        ...before,
        ...(input.enabled !== undefined && { enabled: input.enabled }),
        ...(input.name !== undefined && { name: input.name }),
        ...(input.instructions !== undefined && { instructions: input.instructions || null }),
        ...(input.apiBase !== undefined && { apiBase: input.apiBase.replace(/\/+$/, '') || null }),
        ...(input.publishableKey !== undefined && { publishableKey: input.publishableKey || null }),
        ...(input.jsUrl !== undefined && { jsUrl: input.jsUrl || null }),
        ...(input.secretKey !== undefined && {
          secretKeySealed: sealer.seal(Buffer.from(input.secretKey, 'utf8')),
        }),
        ...(input.webhookSecret !== undefined && {
          webhookSecretSealed: sealer.seal(Buffer.from(input.webhookSecret, 'utf8')),
        }),
      };
      await deps.settings.update({ gateways: { ...gateways, [id]: next } });
      return adminView(id, current()[id]);
    },
  };
}
