/**
 * Template variables the host expands in any send field. The contract has no channel listing them,
 * so the renderer keeps the documented set for completion; `send:preview` is the source of truth.
 */
export interface VariableDoc {
  name: string;
  detail: string;
}

export const TEMPLATE_VARIABLES: VariableDoc[] = [
  { name: 'uuid', detail: 'a random UUID v4' },
  { name: 'seq', detail: 'a counter that grows by one per message' },
  { name: 'now', detail: 'the send time, epoch milliseconds' },
  { name: 'timestamp', detail: 'the send time, epoch milliseconds' },
  { name: 'iso', detail: 'the send time, ISO 8601' },
  { name: 'random.int', detail: 'a random integer' },
  { name: 'random.hex', detail: 'random hex characters' },
  { name: 'env.NAME', detail: "the profile's environment value NAME" },
];
