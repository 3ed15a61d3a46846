// SPEC §5.3: an unsatisfied callback is escalated to the manager as a complaint
// (seed 002 篇2 §4.5), so it must name that complaint.
import type { Finding } from '../../diagnostics/diagnostic.js';
import { itemPath, wasMended } from '../desk.js';
import { UNSATISFIED } from '../records/callback-month.js';
import type { Check } from './check.js';

export const checkCallbackEscalation: Check = (desk) => {
  const findings: Finding[] = [];
  for (const m of desk.callbackMonths) {
    m.data.callbacks.forEach((item, i) => {
      if (item.type === 'callback' && item.satisfaction && UNSATISFIED.includes(item.satisfaction) && !item.escalated_to && !wasMended(m, i, 'escalated_to')) {
        findings.push({ code: 'CALLBACK_NOT_ESCALATED', file: m.file, path: itemPath(m, 'callbacks', i, 'satisfaction'), params: { satisfaction: item.satisfaction } });
      }
    });
  }
  return findings;
};
