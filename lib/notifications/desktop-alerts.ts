/**
 * Browser alerts are a setting of this browser, not of the account (the permission is the
 * browser's too): on by default once the person grants it, off when they say so on /notifications.
 * Kept in localStorage; these helpers take the storage so they run (and are tested) anywhere.
 */
export const DESKTOP_ALERTS_KEY = "baton:desktop-alerts";
export const DESKTOP_ALERTS_ASKED_KEY = "baton:desktop-alerts-asked";

type Store = Pick<Storage, "getItem" | "setItem">;

export function desktopAlertsOn(store: Store): boolean {
  return store.getItem(DESKTOP_ALERTS_KEY) !== "off";
}

export function setDesktopAlerts(store: Store, on: boolean): void {
  store.setItem(DESKTOP_ALERTS_KEY, on ? "on" : "off");
}

/** The permission is asked for once: after that (granted, denied or dismissed) the bell stops offering it. */
export function shouldOfferDesktopAlerts(store: Store, permission: NotificationPermission | "unsupported"): boolean {
  return permission === "default" && store.getItem(DESKTOP_ALERTS_ASKED_KEY) === null && desktopAlertsOn(store);
}

export function rememberAsked(store: Store): void {
  store.setItem(DESKTOP_ALERTS_ASKED_KEY, new Date().toISOString());
}
