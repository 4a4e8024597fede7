import { CopyTextButton } from '@backstage/core-components';
import { Remediation } from '@promfed/plugin-prometheus-federation-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  command: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.5, 1),
    marginTop: theme.spacing(0.5),
  },
  code: {
    flex: 1,
    margin: 0,
    padding: theme.spacing(0.75, 0),
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    fontFamily: 'monospace',
    fontSize: '0.85rem',
  },
}));

/** What to do: the sentence, the file to change, and commands ready to copy. */
export function RemediationBlock(props: { remediation: Remediation }) {
  const classes = useStyles();
  const { summary, file, commands } = props.remediation;
  return (
    <Box mt={1} data-testid="remediation">
      <Typography variant="body2">
        <strong>Remediation:</strong> {summary}
      </Typography>
      {file && (
        <Typography variant="body2">
          File: <code>{file}</code>
        </Typography>
      )}
      {commands?.map(command => (
        <div className={classes.command} key={command}>
          <pre className={classes.code}>
            <code>{command}</code>
          </pre>
          <CopyTextButton
            text={command}
            aria-label={`Copy command: ${command}`}
            tooltipText="Copied"
          />
        </div>
      ))}
    </Box>
  );
}
