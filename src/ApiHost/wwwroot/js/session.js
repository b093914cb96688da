// Who is signed in. The token lives in sessionStorage only (gone with the tab), never in the URL: a link may carry it
// once as #token=… (or ?token=…), and it is read and removed from the address bar before anything else runs.

const storageKey = "gridtokenx.token";

/** Takes a token out of the page's URL, if one is there, and stores it. Call first, before any request or log. */
export function adoptTokenFromUrl() {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.startsWith("#") ? url.hash.slice(1) : url.hash);
  const token = fragment.get("token") ?? url.searchParams.get("token");
  if (fragment.has("token") || url.searchParams.has("token")) {
    url.searchParams.delete("token");
    fragment.delete("token");
    const rest = fragment.toString();
    url.hash = rest ? `#${rest}` : "";
    history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  }
  if (token) sessionStorage.setItem(storageKey, token.trim());
}

export function token() {
  return sessionStorage.getItem(storageKey);
}

export function signIn(value) {
  sessionStorage.setItem(storageKey, value.trim());
}

export function signOut() {
  sessionStorage.removeItem(storageKey);
}

/** The token's claims (unverified: only to know which user channels to ask for; the server checks the signature). */
export function claims(value = token()) {
  if (!value) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  try {
    const json = atob(parts[1].replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(parts[1].length / 4) * 4, "="));
    const payload = JSON.parse(json);
    return typeof payload.sub === "string" ? payload : null;
  } catch {
    return null;
  }
}
