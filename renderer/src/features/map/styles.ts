/** Colours shared by the map, its legend and the briefing's map snapshot later. */
export const CONTROL_COLORS: Record<string, string> = { sealed: '#d4380d', controlled: '#fa8c16', precaution: '#a0d911', normal: '#8c9bab' };
/** Ring of a checkpoint whose current shift has fewer people than it needs. */
export const UNDERSTAFFED = '#cf1322';
/** Fill of a checkpoint with an unacknowledged abnormal temperature. */
export const FEVER_COLOR = '#ff4d4f';
export const STATUS_COLORS: Record<string, string> = { active: '#389e0d', paused: '#faad14', removed: '#bfbfbf' };
