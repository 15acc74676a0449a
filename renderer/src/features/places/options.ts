/** Turns an enum's label map into Select options (code as value, Chinese as label). */
export const enumOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export interface RefOptions {
  communities: { value: number; label: string }[];
  grids: { value: number; label: string }[];
  compounds: { value: number; label: string }[];
}
