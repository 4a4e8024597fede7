/**
 * Bench only: a plugin whose one route serves a file's bytes behind Backstage's own per-request
 * stack (helmet, CORS, compression, request logging, the credentials barrier, the rate limit
 * middleware), with the list route's own checks (credentials, then the read permission) and
 * nothing else. What every plugin route pays before its own work: the list route against it is
 * the cost that is ours.
 */
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { prometheusFederationReadPermission } from '@promfed/plugin-prometheus-federation-common';
import Router from 'express-promise-router';
import fs from 'node:fs';
import { LIST_BODY_HEADERS } from './listBodyHeaders';

export function benchFloorPlugin(bodyFile: string) {
  return createBackendPlugin({
    pluginId: 'bench-floor',
    register(env) {
      env.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          permissions: coreServices.permissions,
        },
        async init({ httpRouter, httpAuth, permissions }) {
          const router = Router();
          let body: Buffer | undefined;
          router.get('/bytes', async (req, res) => {
            const credentials = await httpAuth.credentials(req);
            const [decision] = await permissions.authorize(
              [{ permission: prometheusFederationReadPermission }],
              { credentials },
            );
            if (decision.result !== AuthorizeResult.ALLOW)
              throw new NotAllowedError('denied');
            // Written by the bench once the list has its first snapshot.
            if (!body && !fs.existsSync(bodyFile))
              throw new NotFoundError(`${bodyFile} is not written yet`);
            body ??= fs.readFileSync(bodyFile);
            res.writeHead(200, LIST_BODY_HEADERS).end(body);
          });
          httpRouter.use(router);
        },
      });
    },
  });
}
