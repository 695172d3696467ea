export function buildConfigBlocks() { return []; }
