import { CostEstimate, CostEstimateOptions, estimateCost } from './estimate';
import { cloudDefinition, cloudOfDocument, terraformCloud } from '../../clouds';

export { CostEstimate, CostEstimateOptions, CostLine } from './estimate';

/**
 * Monthly cost of a synthesized stack, from the catalog (every price with its date and source).
 */
export class CostEstimator {
  /**
   * Estimates a synthesized stack of any cloud: a CloudFormation template or a Terraform JSON document (the
   * cloud is read from the stack's facts manifest).
   */
  public static of(document: any, options: CostEstimateOptions = {}): CostEstimate {
    return estimateCost(cloudOfDocument(document, 'CostEstimator.of').readFacts(document), options);
  }

  /** Estimates a synthesized CloudFormation template. */
  public static ofCloudFormation(template: any, options: CostEstimateOptions = {}): CostEstimate {
    return estimateCost(cloudDefinition('aws', 'CostEstimator.ofCloudFormation').readFacts(template), options);
  }

  /**
   * Estimates a synthesized Terraform document.
   *
   * @param cloud `gcp` or `azure`
   */
  public static ofTerraform(cloud: string, document: any, stackName: string, options: CostEstimateOptions = {}): CostEstimate {
    void stackName;
    return estimateCost(terraformCloud(cloud, 'CostEstimator.ofTerraform').readFacts(document), options);
  }

  private constructor() {}
}
