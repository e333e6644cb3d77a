/** Types of check-layers.mjs for its unit test (tests/unit/scripts/check-layers.spec.ts). */
export function checkLayers(root: string): { violations: string[]; fileCount: number };
export function zoneOf(rel: string): string;
export function check(zone: string, imp: { spec: string | null; typeOnly: boolean; target: string | null }): string | null;
