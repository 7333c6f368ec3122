/**
 * CrmWriter over the official client. A write is sent exactly once: the client's retry decorator (a process
 * singleton bound to each API object) re-sends any request that got a 5xx, and for a create that can write the
 * record twice, so write calls use the generated method underneath the decorators (the API object's prototype
 * method). HubSpot's answer then tells the caller what happened: 429 = not processed, 5xx/network = unknown.
 * Creates carry their associations inline (HubSpot's default type ids), so a record never exists half-linked.
 */
import type { CrmWriteResult, WritableEngagementKind } from '../port.js';
import { KIND_TO_TYPE } from '../model.js';
import type { HubSpotClient } from './client.js';
import { mapHubSpotError } from './errors.js';
import { HubSpotError } from '../../errors/index.js';

/** HUBSPOT_DEFINED association type ids (docs/api-facts.md A3; src/sandbox/store/association-types.ts). */
export const ASSOCIATION_TYPE_IDS = {
  dealToCompany: 341,
  dealToContact: 3,
  /** engagement → deal / contact */
  note: { deal: 214, contact: 202 },
  task: { deal: 216, contact: 204 },
  call: { deal: 206, contact: 194 },
  meeting: { deal: 212, contact: 200 },
} as const;

interface AssociationInput {
  to: { id: string };
  types: { associationCategory: 'HUBSPOT_DEFINED'; associationTypeId: number }[];
}

const assoc = (id: string, typeId: number): AssociationInput => ({
  to: { id },
  types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: typeId }],
});

/** The generated method without the client's retry/limiter decorators (which are set on the instance). */
export function undecorated<A extends object, K extends keyof A>(api: A, name: K): A[K] {
  const fn = (Object.getPrototypeOf(api) as A)[name];
  if (typeof fn !== 'function') throw new TypeError(`@hubspot/api-client: ${String(name)} is not a method`);
  return (fn as unknown as (...args: unknown[]) => unknown).bind(api) as A[K];
}

export class HubSpotWrites {
  constructor(private readonly hs: HubSpotClient) {}

  private get opt(): never {
    return this.hs.options as never;
  }

  private async send(what: string, fn: () => Promise<{ id: string }>): Promise<CrmWriteResult> {
    try {
      const res = await fn();
      return { id: String(res.id) };
    } catch (e) {
      throw mapWriteError(e, what);
    }
  }

  updateDeal(id: string, properties: Readonly<Record<string, string>>): Promise<CrmWriteResult> {
    const update = undecorated(this.hs.client.crm.objects.basicApi, 'update');
    return this.send(`updating deal ${id}`, () =>
      update('deals', id, { properties: { ...properties } }, undefined, this.opt),
    );
  }

  createDeal(
    properties: Readonly<Record<string, string>>,
    links: { companyId?: string; contactIds?: ReadonlyArray<string> } = {},
  ): Promise<CrmWriteResult> {
    const associations = [
      ...(links.companyId ? [assoc(links.companyId, ASSOCIATION_TYPE_IDS.dealToCompany)] : []),
      ...(links.contactIds ?? []).map((c) => assoc(c, ASSOCIATION_TYPE_IDS.dealToContact)),
    ];
    const create = undecorated(this.hs.client.crm.objects.basicApi, 'create');
    return this.send('creating a deal', () =>
      create('deals', { properties: { ...properties }, associations: associations as never }, this.opt),
    );
  }

  createEngagement(
    kind: WritableEngagementKind,
    properties: Readonly<Record<string, string>>,
    links: { dealId: string; contactIds?: ReadonlyArray<string> },
  ): Promise<CrmWriteResult> {
    const ids = ASSOCIATION_TYPE_IDS[kind];
    const associations = [assoc(links.dealId, ids.deal), ...(links.contactIds ?? []).map((c) => assoc(c, ids.contact))];
    const create = undecorated(this.hs.client.crm.objects.basicApi, 'create');
    return this.send(`creating a ${kind} on deal ${links.dealId}`, () =>
      create(KIND_TO_TYPE[kind], { properties: { ...properties }, associations: associations as never }, this.opt),
    );
  }
}

/** Like mapHubSpotError, but a write is never retried, so a 5xx or a lost connection leaves the outcome unknown. */
export function mapWriteError(e: unknown, what: string): HubSpotError {
  const mapped = mapHubSpotError(e, what);
  const status = mapped.status;
  if (status !== undefined && status >= 500) {
    return new HubSpotError(
      'HUBSPOT_UNAVAILABLE',
      `HubSpot answered ${status} while ${what}; the write may or may not have happened`,
      {
        status,
        hint: 'Check the record in HubSpot before trying again; the request was not re-sent.',
      },
    );
  }
  if (status === 429) {
    return new HubSpotError(
      'HUBSPOT_RATE_LIMIT',
      `HubSpot rate-limited the request while ${what}; it was not processed`,
      {
        status,
        hint: 'Wait a few seconds and apply again, or lower MIS_HUBSPOT_BURST.',
      },
    );
  }
  return mapped;
}
