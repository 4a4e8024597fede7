import { SetupWarning } from '@internal/plugin-prometheus-federation-common';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import Box from '@material-ui/core/Box';

/** Problems in the federation set-up itself (alert rules, TLS settings, replicas). */
export function SetupWarnings(props: { warnings: SetupWarning[] }) {
  if (props.warnings.length === 0) return null;
  return (
    <Box
      display="flex"
      flexDirection="column"
      gridGap={8}
      data-testid="setup-warnings"
    >
      {props.warnings.map(w => (
        <Alert
          severity="warning"
          key={`${w.id}-${w.cluster ?? ''}`}
          role="note"
        >
          <AlertTitle>
            Federation set-up{w.cluster ? `: ${w.cluster}` : ''}
          </AlertTitle>
          {w.message} <strong>Fix:</strong> {w.remediation}
        </Alert>
      ))}
    </Box>
  );
}
