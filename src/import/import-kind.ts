export const IMPORT_KINDS = ['customers', 'items', 'events'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export function isImportKind(value: string): value is ImportKind {
  return IMPORT_KINDS.some((kind) => kind === value);
}
