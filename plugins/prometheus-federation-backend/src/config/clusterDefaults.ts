import {
  federateJobName,
  HTTP_ROUTE_NAME,
  INGRESS_NAME,
  MONITORING_NAMESPACE,
  tlsSecretName,
} from '@promfed/plugin-prometheus-federation-common';
import { ClusterOptions } from './options';

/** What a cluster gets when neither app-config nor its entity says otherwise: the common layout. */
export function clusterDefaults(
  name: string,
): Pick<
  ClusterOptions,
  'entityRef' | 'federateJob' | 'certificate' | 'ingress' | 'httpRoute'
> {
  return {
    entityRef: `resource:default/${name}`,
    federateJob: federateJobName(name),
    certificate: { namespace: MONITORING_NAMESPACE, name: tlsSecretName(name) },
    ingress: { namespace: MONITORING_NAMESPACE, name: INGRESS_NAME },
    httpRoute: { namespace: MONITORING_NAMESPACE, name: HTTP_ROUTE_NAME },
  };
}
