import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  APPLICATION_ANNOTATION,
  CLUSTER_ANNOTATION,
  CLUSTER_STATES,
  ClusterState,
  EntityFederation,
  FederationOverview,
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
} from '@internal/plugin-prometheus-federation-common';
import express from 'express';
import Router from 'express-promise-router';
import { FederationService } from '../service/FederationService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  logger: LoggerService;
  /** Undefined when `prometheusFederation` is not configured: the routes answer an empty overview. */
  service?: FederationService;
  refreshIntervalSeconds?: number;
}

function emptyOverview(refreshIntervalSeconds: number): FederationOverview {
  return {
    generatedAt: new Date().toISOString(),
    ageSeconds: 0,
    refreshIntervalSeconds,
    opsPrometheus: {
      reachable: false,
      error: 'prometheusFederation is not configured',
    },
    counts: Object.fromEntries(CLUSTER_STATES.map(s => [s, 0])) as Record<
      ClusterState,
      number
    >,
    clusters: [],
    warnings: [],
  };
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, service } = options;
  const router = Router();

  /** 401 without credentials (httpAuth), 403 when the permission is denied. */
  async function authorize(
    req: express.Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  router.get('/clusters', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    res.json(
      service
        ? await service.overview()
        : emptyOverview(options.refreshIntervalSeconds ?? 30),
    );
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    const detail = await service?.detail(req.params.name);
    if (!detail)
      throw new NotFoundError(
        `No federated or configured cluster named "${req.params.name}"`,
      );
    res.json(detail);
  });

  router.post('/refresh', async (req, res) => {
    await authorize(req, prometheusFederationRefreshPermission);
    if (!service) {
      res.json(emptyOverview(options.refreshIntervalSeconds ?? 30));
      return;
    }
    res.json(service.overviewOf(await service.refresh()));
  });

  router.get('/entity', async (req, res) => {
    const credentials = await authorize(
      req,
      prometheusFederationReadPermission,
    );
    const raw = req.query.entityRef;
    if (typeof raw !== 'string' || !raw)
      throw new InputError(
        'entityRef query parameter is required, e.g. resource:default/blue',
      );
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(raw));
    } catch (error) {
      throw new InputError(
        `entityRef "${raw}" is not an entity reference such as resource:default/blue`,
      );
    }
    // Read with the caller's credentials: the catalog applies its own permissions.
    const entity = await catalog.getEntityByRef(entityRef, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${entityRef} not found`);
    const annotations = entity.metadata.annotations ?? {};
    if (!service)
      throw new NotFoundError('prometheusFederation is not configured');

    const clusterName = annotations[CLUSTER_ANNOTATION];
    if (clusterName) {
      const detail = await service.detail(clusterName);
      if (!detail)
        throw new NotFoundError(
          `Cluster "${clusterName}" of ${entityRef} is neither configured nor federated`,
        );
      const body: EntityFederation = {
        kind: 'cluster',
        generatedAt: detail.generatedAt,
        ageSeconds: detail.ageSeconds,
        cluster: detail.cluster,
      };
      res.json(body);
      return;
    }
    const application = annotations[APPLICATION_ANNOTATION];
    if (application) {
      const { snapshot, application: result } = await service.application(
        application,
      );
      const overview = service.overviewOf(snapshot);
      const body: EntityFederation = {
        kind: 'application',
        generatedAt: overview.generatedAt,
        ageSeconds: overview.ageSeconds,
        application: result,
      };
      res.json(body);
      return;
    }
    throw new NotFoundError(
      `${entityRef} has neither the ${CLUSTER_ANNOTATION} nor the ${APPLICATION_ANNOTATION} annotation`,
    );
  });

  return router;
}
