import {
  Check,
  CHECK_ORDER,
  CheckId,
} from '@promfed/plugin-prometheus-federation-common';
import { certificateCheck } from './certificateCheck';
import { connectivityCheck } from './connectivityCheck';
import { TriageContext } from './context';
import { dnsCheck } from './dnsCheck';
import { ingressCheck } from './ingressCheck';
import { latencyCheck } from './latencyCheck';
import { metricsCheck } from './metricsCheck';
import { securityGroupCheck } from './securityGroupCheck';
import { targetCheck } from './targetCheck';

/** One check per CheckId: the compiler refuses a check id without its check, or the reverse. */
export const CHECKS: Record<CheckId, (ctx: TriageContext) => Check> = {
  ingress: ingressCheck,
  dns: dnsCheck,
  certificate: certificateCheck,
  'security-group': securityGroupCheck,
  connectivity: connectivityCheck,
  target: targetCheck,
  metrics: metricsCheck,
  latency: latencyCheck,
};

/** Every check of one cluster, in the order of docs/federation-setup.md#troubleshooting-order. */
export function runChain(ctx: TriageContext): Check[] {
  return CHECK_ORDER.map(id => CHECKS[id](ctx));
}
