import { z } from "zod";
import { inventoryItemInput, inventoryItemPatchInput } from "@/server/inventory/schemas";
import { orderItemInput, shipmentInput } from "@/server/orders/schemas";
import { API_KEY_HEADER, STORE_ID_HEADER } from "./auth";
import { MAX_BODY_BYTES } from "./body";
import { DEFAULT_RATE_LIMIT } from "./rate-limit";
import { inventoryItemRecord, orderItemRecord, orderRecord, shipmentRecord } from "./record-schemas";
import { batchShipmentItem, createOrderBody, listInventoryQuery, listOrdersQuery, moveOrdersBody, orderHistoryBody, updateOrderBody } from "./schemas";

/**
 * The OpenAPI 3.1 document served at /api/v2/openapi.json, generated from the zod schemas the
 * endpoints validate with (request bodies in their accepted input form, answers as serialized).
 */
type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const envelope = (properties: Record<string, unknown> = {}, required: string[] = []) => ({
  type: "object",
  properties: {
    status: { type: "string", enum: ["success"] },
    message: { type: "string" },
    execution_time: { type: "string", examples: ["0.0123 seconds"] },
    ...properties,
  },
  required: ["status", "message", ...required],
});

const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const ok = (description: string, properties: Record<string, unknown> = {}, required: string[] = []) => ({
  description,
  ...json(envelope(properties, required)),
});
const body = (name: string) => ({ required: true, ...json(ref(name)) });

const errorResponses = {
  "400": { description: "Invalid input: malformed JSON, unknown field, wrong type, value out of range.", ...json(ref("Error")) },
  "401": { description: "Missing, wrong or revoked store id / API key.", ...json(ref("Error")) },
  "404": { description: "Not found (also for another store's rows).", ...json(ref("Error")) },
  "413": { description: `Body larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`, ...json(ref("Error")) },
  "429": {
    description: "Rate limit exceeded.",
    headers: { "X-Retry-After": { description: "Seconds until a request fits again.", schema: { type: "integer" } } },
    ...json(ref("Error")),
  },
};

const orderIdParam = { name: "orderId", in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } };
const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string", pattern: "^\\d+$" } });

function queryParameters(query: z.ZodObject) {
  return Object.entries(query.shape).map(([name, schema]) => {
    const described = jsonSchema(schema as z.ZodType, "input");
    const { description, ...rest } = described;
    return { name, in: "query", required: false, ...(description ? { description } : {}), schema: rest };
  });
}

const op = (summary: string, spec: Record<string, unknown>) => ({
  summary,
  ...spec,
  responses: { ...(spec.responses as object), ...errorResponses },
});

let cached: JsonSchema | undefined;

export function openApiDocument(): JsonSchema {
  cached ??= {
    openapi: "3.1.0",
    info: {
      title: "Switchyard REST API (Order Desk v2 compatible)",
      version: "2.0",
      description:
        "Order Desk v2 clients work by changing only the base URL. Every answer is " +
        '`{ "status": "success" | "error", "message": ..., "execution_time": ... }` plus its data; errors name the field. ' +
        `Dates are YYYY-MM-DD HH:MM:SS in UTC; key/value maps are accepted as {} or []. Rate limit: a leaky bucket per store ` +
        `(by default ${DEFAULT_RATE_LIMIT.burst} requests in a burst, refilling ${DEFAULT_RATE_LIMIT.perSecond} per second); ` +
        "every answer carries X-Tokens-Remaining, and a 429 carries X-Retry-After (seconds).",
    },
    servers: [{ url: "/api/v2" }],
    security: [{ storeId: [], apiKey: [] }],
    paths: {
      "/test": {
        get: op("Test the store id and key", { responses: { "200": ok("Connection Successful", { current_date_time: { type: "string" } }) } }),
      },
      "/store": {
        get: op("The store's settings and folders (id -> name)", { responses: { "200": ok("Store found", { store: { type: "object" } }) } }),
      },
      "/orders": {
        get: op("List orders", {
          parameters: queryParameters(listOrdersQuery),
          responses: {
            "200": ok("A page of orders", {
              total_records: { type: "integer" },
              records_returned: { type: "integer" },
              offset: { type: "integer" },
              limit: { type: "integer" },
              orders: { type: "array", items: ref("Order") },
            }),
          },
        }),
        post: op("Create an order (idempotent on source_name + source_id); or, sent an array, up to 500 orders at once", {
          requestBody: {
            required: true,
            ...json({ oneOf: [ref("OrderInput"), { type: "array", maxItems: 500, items: ref("OrderInput") }] }),
          },
          responses: {
            "201": ok("Created (for an array: per-order `results` of {index, id, created})", { order: ref("Order") }),
            "409": { description: "An order with this source_name and source_id exists; `id` is its id. Nothing was written.", ...json(ref("Error")) },
          },
        }),
      },
      "/orders/{orderId}": {
        parameters: [orderIdParam],
        get: op("Get an order", { responses: { "200": ok("Order found", { order: ref("Order") }) } }),
        put: op("Update an order's order-level fields (fields left out keep their value; folder_id/folder_name move it)", {
          requestBody: body("OrderUpdate"),
          responses: { "200": ok("Order updated", { order: ref("Order") }) },
        }),
        delete: op("Delete an order", { responses: { "200": ok("Order deleted") } }),
      },
      "/orders/{orderId}/order-items": {
        parameters: [orderIdParam],
        get: op("List an order's items", { responses: { "200": ok("Items", { order_items: { type: "array", items: ref("OrderItem") } }) } }),
        post: op("Add an item", { requestBody: body("OrderItemInput"), responses: { "201": ok("Item added", { order_item: ref("OrderItem") }) } }),
      },
      "/orders/{orderId}/order-items/{itemId}": {
        parameters: [orderIdParam, pathParam("itemId")],
        get: op("Get an item", { responses: { "200": ok("Item found", { order_item: ref("OrderItem") }) } }),
        put: op("Replace an item", { requestBody: body("OrderItemInput"), responses: { "200": ok("Item updated", { order_item: ref("OrderItem") }) } }),
        delete: op("Delete an item", { responses: { "200": ok("Item deleted") } }),
      },
      "/orders/{orderId}/shipments": {
        parameters: [orderIdParam],
        get: op("List an order's shipments", { responses: { "200": ok("Shipments", { shipments: { type: "array", items: ref("Shipment") } }) } }),
        post: op("Add a shipment", { requestBody: body("ShipmentInput"), responses: { "201": ok("Shipment added", { shipment: ref("Shipment") }) } }),
      },
      "/orders/{orderId}/shipments/{shipmentId}": {
        parameters: [orderIdParam, pathParam("shipmentId")],
        get: op("Get a shipment", { responses: { "200": ok("Shipment found", { shipment: ref("Shipment") }) } }),
        put: op("Replace a shipment", { requestBody: body("ShipmentInput"), responses: { "200": ok("Shipment updated", { shipment: ref("Shipment") }) } }),
        delete: op("Delete a shipment", { responses: { "200": ok("Shipment deleted") } }),
      },
      "/orders/{orderId}/order-history": {
        parameters: [orderIdParam],
        post: op("Add a note to the order's history", { requestBody: body("OrderHistoryInput"), responses: { "201": ok("History added") } }),
      },
      "/batch-shipments": {
        post: op("Add shipments to many orders (a top-level array); one result per line", {
          requestBody: { required: true, ...json({ type: "array", maxItems: 500, items: ref("BatchShipment") }) },
          responses: {
            "200": ok("Processed; see results", {
              added: { type: "integer" },
              failed: { type: "integer" },
              results: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    index: { type: "integer" },
                    order_id: { type: ["string", "null"] },
                    status: { type: "string", enum: ["success", "error"] },
                    message: { type: "string" },
                    shipment_id: { type: "string" },
                  },
                },
              },
            }),
          },
        }),
      },
      "/inventory-items": {
        get: op("List inventory items (SKU order)", {
          parameters: queryParameters(listInventoryQuery),
          responses: {
            "200": ok("A page of items", {
              total_records: { type: "integer" },
              records_returned: { type: "integer" },
              offset: { type: "integer" },
              limit: { type: "integer" },
              inventory_items: { type: "array", items: ref("InventoryItem") },
            }),
          },
        }),
        post: op("Create an inventory item", {
          requestBody: body("InventoryItemInput"),
          responses: {
            "201": ok("Created", { inventory_item: ref("InventoryItem") }),
            "409": { description: "Another item of this store has this SKU.", ...json(ref("Error")) },
          },
        }),
      },
      "/inventory-items/{itemId}": {
        parameters: [pathParam("itemId")],
        get: op("Get an inventory item", { responses: { "200": ok("Found", { inventory_item: ref("InventoryItem") }) } }),
        put: op("Update an inventory item (the fields sent change)", {
          requestBody: body("InventoryItemUpdate"),
          responses: { "200": ok("Updated", { inventory_item: ref("InventoryItem") }) },
        }),
        delete: op("Delete an inventory item", { responses: { "200": ok("Deleted") } }),
      },
      "/batch-inventory-items": {
        put: op("Create or update many inventory items by SKU (a top-level array); one result per entry", {
          requestBody: { required: true, ...json({ type: "array", maxItems: 500, items: ref("InventoryItemUpdate") }) },
          responses: {
            "200": ok("Processed; see results", {
              saved: { type: "integer" },
              failed: { type: "integer" },
              results: { type: "array", items: { type: "object" } },
            }),
          },
        }),
      },
      "/move-orders": {
        post: op("Move orders to a folder", {
          requestBody: body("MoveOrdersInput"),
          responses: { "200": ok("Moved", { moved: { type: "integer" }, folder_id: { type: "integer" } }) },
        }),
      },
    },
    components: {
      securitySchemes: {
        storeId: { type: "apiKey", in: "header", name: STORE_ID_HEADER },
        apiKey: { type: "apiKey", in: "header", name: API_KEY_HEADER },
      },
      schemas: {
        OrderInput: jsonSchema(createOrderBody, "input"),
        OrderUpdate: jsonSchema(updateOrderBody, "input"),
        OrderItemInput: jsonSchema(orderItemInput, "input"),
        ShipmentInput: jsonSchema(shipmentInput, "input"),
        BatchShipment: jsonSchema(batchShipmentItem, "input"),
        OrderHistoryInput: jsonSchema(orderHistoryBody, "input"),
        MoveOrdersInput: jsonSchema(moveOrdersBody, "input"),
        Order: jsonSchema(orderRecord, "output"),
        OrderItem: jsonSchema(orderItemRecord, "output"),
        Shipment: jsonSchema(shipmentRecord, "output"),
        InventoryItemInput: jsonSchema(inventoryItemInput, "input"),
        InventoryItemUpdate: jsonSchema(inventoryItemPatchInput, "input"),
        InventoryItem: jsonSchema(inventoryItemRecord, "output"),
        Error: {
          type: "object",
          properties: {
            status: { type: "string", enum: ["error"] },
            message: { type: "string", description: "Names the field first when the error is about one, e.g. \"order_items.0.quantity: Must not be negative.\"" },
            execution_time: { type: "string" },
            field: { type: "string" },
            errors: { type: "array", items: { type: "object", properties: { field: { type: "string" }, message: { type: "string" } } } },
          },
          required: ["status", "message"],
        },
      },
    },
  };
  return cached;
}
