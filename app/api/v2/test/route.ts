// REST v2 GET|POST /test: checks the store id and API key (POST too, as some Order Desk clients send it).
import { apiRoute } from "@/server/api-v2/http";
import { testConnection } from "@/server/api-v2/store-endpoints";

export const GET = apiRoute(testConnection);
export const POST = apiRoute(testConnection);
