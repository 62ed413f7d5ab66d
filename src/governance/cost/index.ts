import { CostEstimate, CostEstimateOptions, estimateCost } from './estimate';
import { factsFromCloudFormation } from '../facts/cloudformation';
import { factsFromAzureTerraform, factsFromGoogleTerraform } from '../facts/terraform';

export { CostEstimate, CostEstimateOptions, CostLine } from './estimate';

/**
 * Monthly cost of a synthesized stack, from the catalog (every price with its date and source).
 */
export class CostEstimator {
  /** Estimates a synthesized CloudFormation template. */
  public static ofCloudFormation(template: any, options: CostEstimateOptions = {}): CostEstimate {
    return estimateCost(factsFromCloudFormation(template), options);
  }

  /**
   * Estimates a synthesized Terraform document.
   *
   * @param cloud `gcp` or `azure`
   */
  public static ofTerraform(cloud: string, document: any, stackName: string, options: CostEstimateOptions = {}): CostEstimate {
    if (cloud !== 'gcp' && cloud !== 'azure') throw new Error(`[ai-infra] CostEstimator.ofTerraform: cloud = '${cloud}': allowed: gcp or azure`);
    return estimateCost(cloud === 'gcp' ? factsFromGoogleTerraform(document, stackName) : factsFromAzureTerraform(document, stackName), options);
  }

  private constructor() {}
}
