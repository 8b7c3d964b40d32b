import { openApiDocument } from "@/lib/api/openapi";
import { env } from "@/lib/env";
import { jsonRoute } from "@/lib/http/json-route";

// Public, like any API's reference: it describes the API, it holds no data.
export const GET = jsonRoute("api.v1.openapi", async () => Response.json(openApiDocument({ serverUrl: env().APP_URL })));
