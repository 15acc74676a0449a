/** Tag colours of a plan's status, shared by the plan list and one plan's sheet. */
export const STATUS_COLOURS = { draft: 'default', approved: 'blue', issued: 'green' } as const;
