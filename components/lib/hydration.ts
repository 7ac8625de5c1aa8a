// Whether the page has hydrated: until then a client component must draw exactly what
// the server did; after, it may draw in steps (see components/chat/thread.tsx).
let hydrated = false;

export const markHydrated = () => void (hydrated = true);

export const isHydrated = () => hydrated;
