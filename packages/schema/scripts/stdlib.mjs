export function buildStdlib() { return { functions: [], constants: [] }; }
