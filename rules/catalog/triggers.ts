/** The events a rule can run on, with the words the editor and the explain trace use. */
export const TRIGGERS = {
  "order.created": { label: "Order is created", description: "An order arrives from a cart, an import, the API or the UI." },
  "order.updated": { label: "Order details change", description: "An order's details are edited." },
  "order.folder_changed": { label: "Folder is changed", description: "An order moves into a folder (optionally only this one)." },
  "shipment.created": { label: "Shipment is added", description: "A shipment (tracking) is added to an order." },
  "order.split": { label: "Order is split", description: "An order is split; runs on each resulting order." },
  "order.copied_in": { label: "Order is copied in", description: "An order is copied or moved in from another store." },
  schedule: { label: "On a schedule", description: "Runs on the orders in a folder at the times a cron expression sets." },
  manual: { label: "Run by hand", description: "Runs when someone presses the rule's button on orders." },
} as const;

export type TriggerKind = keyof typeof TRIGGERS;
export const TRIGGER_KINDS = Object.keys(TRIGGERS) as TriggerKind[];
