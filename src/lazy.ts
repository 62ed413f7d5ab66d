/**
 * Loads a module when a construct first needs it, not when the package loads: the optional resources of a
 * platform (VPN for hybrid, edge clusters) cost a cloud-first app nothing. Internal.
 *
 * @param modulePath a deep provider path, e.g. `@cdktf/provider-google/lib/compute-router`
 */
export function load<T>(modulePath: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(modulePath);
}
