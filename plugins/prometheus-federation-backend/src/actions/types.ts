import {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { FederationService } from '../service/FederationService';

/** What every action registration needs. */
export interface ActionDeps {
  registry: ActionsRegistryService;
  service: FederationService;
  permissions: PermissionsService;
  /** Every tool call is audited (see audit/auditedRegistry). */
  auditor: AuditorService;
}
