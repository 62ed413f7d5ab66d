/**
 * The clouds the library renders to.
 */
export enum Cloud {
  /** Amazon Web Services, rendered with aws-cdk-lib (CloudFormation). */
  AWS = 'aws',
  /** Google Cloud, rendered with cdktf and @cdktf/provider-google (Terraform). */
  GCP = 'gcp',
  /** Microsoft Azure, rendered with cdktf and @cdktf/provider-azurerm (Terraform). */
  AZURE = 'azure',
}

