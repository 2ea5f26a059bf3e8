import type { Trace } from '@muvo/trace';
import { type MapLine, simplifiedLineOf } from '@muvo/tracking';
import type { CityPrivacyPolicy } from './privacy-zones.policy';
import { redactTraceForOthers, type ZonesForRedaction } from './privacy-zones.redaction';

/** Resolution of what remains drawn of a trip once its raw fixes are deleted. */
export const RETAINED_LINE_TOLERANCE_M = 100;

/**
 * What remains drawn of a trip after retention, by the city's choice: nothing, or its path
 * simplified at ~100 m without the fixes others may not see (privacy zones and the city's trim),
 * so the participant's own map still shows the trip and the line reveals no home.
 */
export function retainedLineOf(trace: Trace, redaction: ZonesForRedaction, policy: CityPrivacyPolicy): MapLine | null {
  if (policy.retainedLine === 'none') return null;
  return simplifiedLineOf(redactTraceForOthers(trace, redaction, policy.trimMetres), RETAINED_LINE_TOLERANCE_M);
}
