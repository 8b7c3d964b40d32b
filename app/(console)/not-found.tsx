import { NotFoundCard } from "@/components/layout/not-found-card";

// notFound() in a console page (a package or CRM record that does not exist): inside the console's header.
export default function ConsoleNotFound() {
  return <NotFoundCard />;
}
