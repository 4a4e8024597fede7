import Button from '@material-ui/core/Button';
import { Fragment, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/** Cluster names listed before "Show all". */
export const NAMES_SHOWN = 10;

/** A list of cluster links, the first NAMES_SHOWN and "Show all" for the rest. */
export function ClusterNames(props: {
  names: string[];
  hrefOf: (index: number) => string;
  /** Test id of the "Show all" button. */
  showAllTestId: string;
}) {
  const { names, hrefOf } = props;
  const [all, setAll] = useState(false);
  const shown = all ? names : names.slice(0, NAMES_SHOWN);
  return (
    <div>
      Clusters:{' '}
      {shown.map((name, i) => (
        <Fragment key={`${name}-${i}`}>
          {i > 0 && ', '}
          <RouterLink to={hrefOf(i)}>{name}</RouterLink>
        </Fragment>
      ))}
      {!all && names.length > shown.length && (
        <>
          {' '}
          and {names.length - shown.length} more{' '}
          <Button
            size="small"
            onClick={() => setAll(true)}
            data-testid={props.showAllTestId}
          >
            Show all
          </Button>
        </>
      )}
    </div>
  );
}
