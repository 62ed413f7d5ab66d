import { Cloud } from '../catalog/cloud';
import { ServingType } from '../catalog/serving-type';

/** What a dashboard's cost-per-1,000-predictions tile shows: a chart (the price it charges) or a text saying why not. */
export type ServingCostTile =
  | { readonly kind: 'chart'; readonly instances: number; readonly usdPerHour: number; readonly title: string }
  | { readonly kind: 'text'; readonly title: string; readonly text: string };

/**
 * The cost-per-1,000-predictions tile of an endpoint, from the one price the cost estimate uses
 * (`ServingType.price`): a chart of `1000 x instances x $/h / predictions per hour` whose title carries the price,
 * its region, date and source; for a pending endpoint (no model, nothing billed) or an unpriced serving type, a text
 * saying why there is no chart, never a guessed figure.
 *
 * @param cloud the cloud
 * @param path the endpoint's construct path (named in the pending text)
 * @param name the serving type (`ModelEndpointSpec.instanceTypeFor(cloud)`)
 * @param instances instances serving (the endpoint's minimum, as the cost estimate charges)
 * @param pending whether the endpoint waits for its model
 */
export function servingCostTile(cloud: Cloud, path: string, name: string, instances: number, pending: boolean): ServingCostTile {
  const title = 'Cost per 1,000 predictions';
  if (pending) {
    return {
      kind: 'text',
      title,
      text: `Cost per 1,000 predictions: ${path} is pending (no modelArtifact), so no model serves and nothing is billed for serving; ` +
        'the chart appears once modelArtifact is set and the stack is applied again. ' + ServingType.costPerThousandNote(cloud, name, instances),
    };
  }
  const t = ServingType.all(cloud).find((x) => x.name.toLowerCase() === String(name).toLowerCase());
  if (!t || !t.price) return { kind: 'text', title, text: ServingType.costPerThousandNote(cloud, name, instances) };
  // the minimum instance count, as the cost estimate charges it (the spec refuses fewer than 1); autoscaled
  // instances above it cost more, so the title says the figure is at the minimum
  const n = instances;
  const p = t.price;
  return {
    kind: 'chart',
    instances: n,
    usdPerHour: Math.round(n * p.usd * 1e6) / 1e6,
    title: `${title} (USD; minimum ${n} x $${p.usd}/h ${t.name}, ${p.region}, price of ${p.asOf}; source: ${p.source})`,
  };
}
