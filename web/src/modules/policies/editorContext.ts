// What every row of the policy editor reads besides its own value: options and names, the errors by path, the
// parameters, and the live preview's pass count per leaf.
import { createContext, useContext } from 'react';
import type { DraftParameter, FieldError } from './draft.ts';
import type { Option } from './names.ts';
import type { Names } from './words.ts';

export interface EditorContextValue {
  names: Names;
  subdistrictOptions: Option[];
  buildingOptions: Option[];
  tierOptions: Option[];
  fieldOptions: Option[];
  honourOptions: Option[];
  parameters: readonly DraftParameter[];
  errors: readonly FieldError[];
  /** Leaf path → depth-first index. */
  leafIndex: ReadonlyMap<string, number>;
  /** From the last preview of this structure: enterprises passing each leaf, and of how many; null when unknown. */
  passes: { counts: readonly number[]; of: number; stale: boolean } | null;
}

export const EditorContext = createContext<EditorContextValue | null>(null);

export function useEditorContext(): EditorContextValue {
  const ctx = useContext(EditorContext);
  if (!ctx) throw new Error('EditorContext missing');
  return ctx;
}
