// The policy editor's model: the contract's definition with room for what is not filled in yet (empty numbers, the
// unused settings of a leaf kind), conversions both ways, and the checks run before anything is sent.
// The types and edits are in draft.model.ts, the conversions in draft.convert.ts, a measure's units in
// draft.units.ts and the checks in draft.check.ts; this file is what the editor imports.
export * from './draft.model.ts';
export * from './draft.convert.ts';
export * from './draft.units.ts';
export * from './draft.check.ts';
