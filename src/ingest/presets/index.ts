import { freshdeskCsv } from './freshdesk.js';
import { intercomConversations, intercomHistory, intercomRatings } from './intercom.js';
import { livechatChats } from './livechat.js';
import { servicenowIncidents } from './servicenow.js';
import type { Preset } from './types.js';
import { zammadTickets } from './zammad.js';
import { zendeskCsv, zendeskJson } from './zendesk.js';

export type { Preset } from './types.js';

/** Every preset, one entry per export variant; `--preset NAME` chooses among a vendor's variants. */
export const PRESETS: readonly Preset[] = [
  zendeskCsv,
  zendeskJson,
  freshdeskCsv,
  intercomConversations,
  intercomRatings,
  intercomHistory,
  livechatChats,
  zammadTickets,
  servicenowIncidents,
];

/** The names `--preset` takes. */
export const PRESET_NAMES: readonly string[] = [...new Set(PRESETS.map((preset) => preset.name))];
