import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';
import { prometheusFederationApiRef } from '../api';
import { usePolling } from './usePolling';

/** GET /entity for the current catalog entity, polled every minute; keeps the last value on failure. */
export function useEntityFederation() {
  const { entity } = useEntity();
  const api = useApi(prometheusFederationApiRef);
  const entityRef = stringifyEntityRef(entity);
  const load = useCallback(
    () => api.getEntityFederation(entityRef),
    [api, entityRef],
  );
  const { value, error, loading } = usePolling(load, 60);
  return { value, error, loading, entity, entityRef };
}
