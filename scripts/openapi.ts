import { openApiDocument } from "@/lib/api/openapi";

// npm run -s openapi: the REST API's OpenAPI 3.1 document on stdout, without a database.
process.stdout.write(JSON.stringify(openApiDocument(), null, 2) + "\n");
