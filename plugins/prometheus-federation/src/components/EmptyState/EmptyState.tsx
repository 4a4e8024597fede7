import {
  EmptyState as BackstageEmptyState,
  LinkButton,
} from '@backstage/core-components';

/** The scaffolder template that adds a cluster to the federation. */
export const ADD_CLUSTER_TEMPLATE_PATH =
  '/create/templates/default/add-cluster-to-federation';

/** Shown when the backend knows no cluster: points to the template that adds one. */
export function FederationEmptyState() {
  return (
    <div data-testid="federation-empty-state">
      <BackstageEmptyState
        missing="data"
        title="No cluster is federated yet"
        description="Ops Prometheus federates no leaf cluster and none is configured. The template opens a pull request with the federate job, the security group rule and the Ingress."
        action={
          <LinkButton
            to={ADD_CLUSTER_TEMPLATE_PATH}
            variant="contained"
            color="primary"
            data-testid="add-cluster-template-link"
          >
            Add cluster to federation
          </LinkButton>
        }
      />
    </div>
  );
}
