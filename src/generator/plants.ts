/**
 * The problems the generator plants on purpose, and the list it writes to `generator.planted` so tests and evals
 * can check that the product finds them. Outside the plants the portal is kept clean of these problems.
 */

/** Problems carried by one deal. */
export const DEAL_PLANT_KINDS = [
  'stale_deal',
  'missing_notes',
  'missing_required_field',
  'close_date_past',
  'stage_skipped',
  'stage_regression',
  'close_date_pushed',
  'amount_decreased',
  'stage_mismatch',
  'competitor_mentioned',
  'single_threaded',
  'no_next_activity',
] as const;
export type DealPlantKind = (typeof DEAL_PLANT_KINDS)[number];

/** Ways a mention in an AE's weekly update relates to the CRM. */
export const UPDATE_KINDS = [
  'update_stage_mismatch',
  'update_missing_deal',
  'update_stale_deal',
  'update_amount_mismatch',
  'update_close_date_mismatch',
  'update_unlogged_activity',
  'update_lost_not_closed',
  'update_consistent',
] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

export const PLANTED_KINDS = [
  ...DEAL_PLANT_KINDS,
  'duplicate_contact',
  'duplicate_company',
  'smartlead_unsynced',
  ...UPDATE_KINDS,
] as const;
export type PlantedKind = (typeof PLANTED_KINDS)[number];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One entry of `generator.planted`: what, where, and small details such as the expected values. */
export interface PlantedProblem {
  kind: PlantedKind;
  objectType: 'deal' | 'contact' | 'company';
  /** null when the object is deliberately absent from the CRM. */
  objectId: string | null;
  [detail: string]: JsonValue;
}

/** How many of each deal-level plant a portal of this size gets (3 at the default 110 deals). */
export function plantCount(deals: number): number {
  return 2 + Math.round(deals / 100);
}

/**
 * Collects plants. Some details name engagements whose ids are only assigned at the end; those are recorded as
 * getters and resolved by `entries()`.
 */
export class PlantLog {
  private readonly items: Array<{ base: PlantedProblem; late: Record<string, () => JsonValue> }> = [];

  add(problem: PlantedProblem, late: Record<string, () => JsonValue> = {}): void {
    this.items.push({ base: problem, late });
  }

  count(kind: PlantedKind): number {
    return this.items.filter((i) => i.base.kind === kind).length;
  }

  /** Entries grouped by kind in PLANTED_KINDS order, otherwise in the order they were planted. */
  entries(): PlantedProblem[] {
    const order = new Map<string, number>(PLANTED_KINDS.map((k, i) => [k, i]));
    return this.items
      .map((item, i) => ({ item, i }))
      .sort((x, y) => order.get(x.item.base.kind)! - order.get(y.item.base.kind)! || x.i - y.i)
      .map(({ item }) => {
        const out: PlantedProblem = { ...item.base };
        for (const [key, get] of Object.entries(item.late)) out[key] = get();
        return out;
      });
  }
}
