export { HTTP_ROUTE_NAME } from '@promfed/plugin-prometheus-federation-common';

/** The leaf Prometheus service kube-prometheus-stack creates, that Ingress and route point at. */
export const PROMETHEUS_SERVICE = 'kube-prometheus-stack-prometheus';
export const PROMETHEUS_PORT = 9090;
