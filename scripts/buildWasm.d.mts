export function buildWasm(): Promise<void>
