import { Forbidden } from "@/components/layout/forbidden";

// HTTP 403 for a console page that calls forbidden() without a forbidden.tsx of its own.
export default function ConsoleForbidden() {
  return <Forbidden message="Your role does not give access to this page." />;
}
