/** Where Azure resources go. */
export interface AzureLocation {
  /** Resource group name. */
  readonly resourceGroupName: string;
  /** Azure region, e.g. `eastus`. */
  readonly location: string;
}
