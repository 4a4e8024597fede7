import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import {
  ClusterCost,
  FederationProof,
  prometheusFederationReadPermission,
  prometheusFederationRefreshPermission,
} from '@promfed/plugin-prometheus-federation-common';
import express from 'express';
import Router from 'express-promise-router';
import { DEFAULT_REFRESH } from '../config/options';
import { CostBudgetExceeded, CostService } from '../service/CostService';
import { FederationService } from '../service/FederationService';
import { ageSeconds } from '../service/overview';
import { OnboardingService } from '../service/OnboardingService';
import { principalOf } from '../service/principalOf';
import { AGE_HEADER, ListBodyCache, matches, withAge } from './listBody';
import { RefreshBudget } from '../service/refreshBudget';
import { audited } from '../audit/audited';
import { tooManyRequests } from './tooManyRequests';
import { PermissionDecisions } from './permissionDecisions';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  service: FederationService;
  /** Refreshes and cost reads are audited, with the caller and the outcome. */
  auditor: AuditorService;
  /** Refreshes per user and minute; 0 for no limit. Default 6. */
  refreshPerUserPerMinute?: number;
  /** Federation cost on request; absent when the plugin is not configured. */
  cost?: CostService;
  /** Onboarding and retiring clusters; absent when the plugin is not configured. */
  onboarding?: OnboardingService;
}

/** The query's entityRef in its canonical form, e.g. `resource:default/blue`. */
function entityRefOf(raw: unknown): string {
  if (typeof raw !== 'string' || !raw)
    throw new InputError(
      'entityRef query parameter is required, e.g. resource:default/blue',
    );
  try {
    return stringifyEntityRef(parseEntityRef(raw));
  } catch (error) {
    throw new InputError(
      `entityRef "${raw}" is not an entity reference such as resource:default/blue`,
    );
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, service } = options;
  const router = Router();
  const budget = new RefreshBudget(
    options.refreshPerUserPerMinute ?? DEFAULT_REFRESH.perUserPerMinute,
  );

  const decisions = new PermissionDecisions(permissions);

  /**
   * 401 without credentials (httpAuth), 403 when the permission is denied. Credentials are
   * checked on every request; a user's read decision is reused a few seconds (the page polls),
   * a refresh's is asked every time.
   */
  async function authorize(
    req: express.Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req);
    const result = await decisions.decide(
      permission,
      credentials,
      permission === prometheusFederationReadPermission,
    );
    if (result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
    return credentials;
  }

  // Polled by every open page: one encoding per snapshot, 304 when unchanged, gzip when changed.
  const list = new ListBodyCache(
    () => service.overview(),
    Date.now,
    service.listVersion?.bind(service),
  );
  router.get('/clusters', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    const body = await list.get();
    res.set({
      etag: body.etag,
      'cache-control': 'private, no-cache',
      vary: 'Accept-Encoding',
      [AGE_HEADER]: String(ageSeconds(body)),
      // The page may be on another origin (CORS): it reads both to poll with If-None-Match.
      'access-control-expose-headers': `ETag, ${AGE_HEADER}`,
    });
    if (matches(req.get('if-none-match'), body.etag)) {
      res.status(304).end();
      return;
    }
    const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
    res.type('json');
    // Already encoded: Backstage's compression middleware leaves it as it is.
    if (gzip) res.set('content-encoding', 'gzip');
    res.status(200).end(gzip ? body.gzip : body.raw);
  });

  router.get('/clusters/:name', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    const detail = await service.detail(req.params.name);
    if (!detail)
      throw new NotFoundError(
        `No federated or configured cluster named "${req.params.name}"`,
      );
    res.json(detail);
  });

  // Volume, usage and the narrowing proposal; and, once narrowed, the proof that every used
  // query still has data. Read on request through the cost service, never every refresh.
  for (const [path, answer] of [
    ['cost', 'cost'],
    ['proof', 'proof'],
  ] as const) {
    router.get(`/clusters/:name/${path}`, async (req, res) => {
      const credentials = await authorize(
        req,
        prometheusFederationReadPermission,
      );
      if (!options.cost || !(await service.detail(req.params.name)))
        throw new NotFoundError(
          `No federation ${path} for a cluster named "${req.params.name}"`,
        );
      try {
        const name = req.params.name;
        res.json(
          // The answer's type is the union of the two reads': named, so inference cannot pick one.
          await audited<ClusterCost | FederationProof>(
            options.auditor,
            { eventId: `${path}-read`, request: req, meta: { cluster: name } },
            () => options.cost![answer](name, principalOf(credentials)),
          ),
        );
      } catch (e) {
        if (!(e instanceof CostBudgetExceeded)) throw e;
        tooManyRequests(req, res, e.retryAfterSeconds, e.message);
      }
    });
  }

  router.get('/onboarding', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    res.json(
      options.onboarding
        ? await options.onboarding.overview()
        : { stuckAfterMinutes: 0, clusters: [] },
    );
  });

  router.get('/clusters/:name/onboarding', async (req, res) => {
    await authorize(req, prometheusFederationReadPermission);
    const found = await options.onboarding?.cluster(req.params.name);
    if (!found)
      throw new NotFoundError(
        `Cluster "${req.params.name}" is neither onboarding nor retiring`,
      );
    res.json(found);
  });

  router.post('/refresh', async (req, res) => {
    // Audited from the start: a refused or rate-limited refresh is an outcome too.
    const answer = await audited(
      options.auditor,
      { eventId: 'refresh', severityLevel: 'medium', request: req },
      async () => {
        const credentials = await authorize(
          req,
          prometheusFederationRefreshPermission,
        );
        const retryAfter = budget.take(principalOf(credentials));
        if (retryAfter > 0) return { retryAfter };
        return { overview: await service.refresh() };
      },
      r =>
        r.overview
          ? { outcome: 'refreshed', generatedAt: r.overview.generatedAt }
          : { outcome: 'rate-limited', retryAfterSeconds: r.retryAfter! },
    );
    if (answer.overview) {
      // The list route's bytes (encoded in slices; the next poll finds them ready), with the age.
      const body = await list.get(answer.overview.generatedAt);
      res.type('json').end(withAge(body, ageSeconds(body)));
      return;
    }
    tooManyRequests(
      req,
      res,
      answer.retryAfter!,
      `Too many refreshes: try again in ${answer.retryAfter}s (the snapshot refreshes itself every interval)`,
    );
  });

  router.get('/entity', async (req, res) => {
    const credentials = await authorize(
      req,
      prometheusFederationReadPermission,
    );
    const entityRef = entityRefOf(req.query.entityRef);
    res.json(await service.entity(entityRef, { credentials }));
  });

  return router;
}
