import { parse as parseHcl } from '@cdktf/hcl2json';
import { InputError } from '@backstage/errors';

/**
 * Checks Terraform with HashiCorp's own HCL parser: the editor reads only resource headers and
 * one-line attributes, so this is what proves a file (before and after the edit) is valid.
 */
export async function checkHcl(content: string, what: string): Promise<void> {
  try {
    await parseHcl('prometheus-federation-security.tf', content);
  } catch (error) {
    throw new InputError(`${what} is not valid HCL`, error);
  }
}
