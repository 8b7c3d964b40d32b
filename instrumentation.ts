export async function register() {
  // Database start-up needs Node APIs (child processes, files); the edge runtime never runs it.
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
