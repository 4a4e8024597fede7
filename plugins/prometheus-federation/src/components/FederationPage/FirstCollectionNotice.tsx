import {
  FirstCollection,
  firstCollectionText,
} from '@promfed/plugin-prometheus-federation-common';
import Alert from '@material-ui/lab/Alert';

/** What a backend that has no snapshot yet answered: the first collection runs, due in N s. */
export function FirstCollectionNotice(props: { collecting: FirstCollection }) {
  return (
    <Alert severity="info" data-testid="first-collection">
      {firstCollectionText(props.collecting)} This page shows the clusters as
      soon as it is ready.
    </Alert>
  );
}
