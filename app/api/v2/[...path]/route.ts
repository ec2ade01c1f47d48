// REST v2 catch-all: unknown endpoints answer 404 in the API's envelope instead of an HTML page.
import { unknownEndpoint } from "@/server/api-v2/http";

export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const DELETE = unknownEndpoint;
export const PATCH = unknownEndpoint;
