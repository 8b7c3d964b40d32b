import type { actionTypes } from "@/lib/contract/package";

export type ActionType = (typeof actionTypes)[number];
